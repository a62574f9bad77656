import { describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import type { MeFieldsFragment } from '@/gql/graphql';
import type { GraphQLHandler } from '@/test-support/graphql-fetch';
import { notificationTarget } from '@/views/notifications/use-notification-text';
import { connectionOf } from '@/test-support/connections';
import { openConsoleAt, resetConsoleEachTest, signedInApi } from '@/test-support/signed-in-console';

const officeMe: MeFieldsFragment = {
  id: 'u-city',
  username: 'zy.city',
  displayName: '市委督查室',
  park: { id: 'p-zy', code: 'zhengyang', name: '正阳工业园区' },
  district: { id: 'd-qj', code: 'qianjiang', name: '黔江区' },
  roles: [{ role: 'OFFICE_VIEWER', departmentId: null, department: null }],
};

const item = {
  id: 'case-7',
  parkId: 'p-zy',
  parkName: '正阳工业园区',
  registrationNo: '企业困难问题〔2026〕第7号',
  status: 'IN_PROGRESS',
  title: '新厂房用电增容',
  enterpriseName: '重庆正阳精密机械有限公司',
  reportedAt: '2026-11-02T02:00:00.000Z',
  nextDueOn: '2026-11-20',
  overdue: true,
  handedOver: true,
  occasions: ['OVERDUE_HANDOVER', 'SUPERVISION_LETTER'],
  linkedAt: '2026-12-01T02:00:00.000Z',
};

const officeCase = {
  id: 'case-7',
  parkName: '正阳工业园区',
  registrationNo: item.registrationNo,
  status: 'IN_PROGRESS',
  enterpriseName: item.enterpriseName,
  enterpriseAddress: '正阳工业园区8号',
  reportedAt: item.reportedAt,
  categoryLabel: '用电保障',
  contactName: '王**',
  contactPhone: '138****2222',
  title: item.title,
  description: '新厂房投产需要增容至 2000 千伏安。',
  urgent: false,
  major: false,
  jurisdiction: 'PARK',
  leadDepartmentName: '经济发展部',
  departmentNames: ['经济发展部'],
  departments: [
    { id: 'dep-econ', code: 'ECONOMIC_DEVELOPMENT', name: '经济发展部', kind: 'PARK', active: true },
  ],
  deadlines: [],
  overdueDeadlines: [{ stage: 'departmentReply', dueOn: '2026-11-20', departmentId: 'dep-econ' }],
  documents: [
    {
      id: 'doc-1',
      kind: 'HANDOVER_LETTER',
      number: '移交〔2026〕第1号',
      departmentId: null,
      departmentName: '市委督查室',
      issuedOn: '2026-12-01',
      dueOn: null,
      doneOn: null,
      overdue: false,
      pendingDeadlineYear: null,
      data: {},
    },
  ],
  timeline: [
    {
      id: 'e-1',
      caseVersion: 9,
      type: 'CaseHandedOver',
      occurredAt: '2026-12-01T02:00:00.000Z',
      actorName: null,
      actorRole: null,
      statusBefore: 'IN_PROGRESS',
      statusAfter: 'IN_PROGRESS',
      data: { addresseeDepartmentIds: ['dep-econ'] },
    },
  ],
  links: [{ officeCode: 'CITY', occasion: 'OVERDUE_HANDOVER', handedOver: true, createdAt: item.linkedAt }],
};

let wrapper: VueWrapper | undefined;

async function open(path: string, handlers: Record<string, GraphQLHandler>) {
  const api = signedInApi(officeMe, [{ action: 'read', subject: 'OfficeCase' }], {
    UnreadNotificationCount: () => ({ data: { unreadNotificationCount: 1 } }),
    MyOffice: () => ({ data: { me: { id: 'u-city', office: { code: 'CITY', name: '市委督查室' } } } }),
    ...handlers,
  });
  const mounted = await openConsoleAt(api, path);
  wrapper = mounted.wrapper;
  return { api, view: mounted.wrapper, router: mounted.router };
}

describe('an outside office’s pages', () => {
  resetConsoleEachTest(() => wrapper);

  it('lists the cases copied or handed over to the office, and filters the hand-overs', async () => {
    const { api, view } = await open('/office-cases', {
      OfficeCases: () => ({ data: { officeCases: connectionOf([item]) } }),
    });
    await vi.waitFor(() => expect(view.find('[data-test="office-cases-table"]').text()).toContain('第7号'));
    expect(view.find('[data-test="office-cases-hint"]').text()).toContain('市委督查室');
    expect(view.find('[data-test="office-case-reached"]').text()).toBe('已移交');
    expect(view.find('[data-test="office-cases-table"]').text()).toContain('超期移交、抄送督办函');
    await view.find('[data-test="office-cases-handed-over"] input').setValue(true);
    await flushPromises();
    await vi.waitFor(() =>
      expect(api.callsOf('OfficeCases').at(-1)?.variables).toMatchObject({ filter: { handedOver: true } }),
    );
    // Nothing else to open: the menu holds home and this list.
    expect(view.find('[data-test="nav-ledger"]').exists()).toBe(false);
  });

  it('shows a case read-only with the contact masked, and no act', async () => {
    const { view } = await open('/office-cases/case-7', {
      OfficeCase: () => ({ data: { officeCase } }),
    });
    await vi.waitFor(() =>
      expect(view.find('[data-test="office-case-registration-no"]').text()).toBe(item.registrationNo),
    );
    expect(view.find('[data-test="office-case-contact"]').text()).toBe('王** 138****2222');
    expect(view.find('[data-test="case-documents"]').text()).toContain('移交函');
    expect(view.find('[data-test="case-documents"]').text()).toContain('市委督查室');
    expect(view.find('[data-test="case-timeline"]').text()).toContain('移交督查');
    expect(view.find('[data-test="office-case-links"]').text()).toContain('超期移交');
    expect(view.find('[data-test="action-panel"]').exists()).toBe(false);
  });

  it('says so for a case that is not the office’s', async () => {
    const { view } = await open('/office-cases/case-9', {
      OfficeCase: () => ({
        data: null,
        errors: [
          {
            message: '案件 不存在 / Case not found',
            path: ['officeCase'],
            extensions: { code: 'NOT_FOUND' },
          },
        ],
      }),
    });
    await vi.waitFor(() => expect(view.find('[data-test="office-case-missing"]').exists()).toBe(true));
  });

  it('a hand-over notification opens the office’s read-only case page, others the case page', () => {
    expect(notificationTarget({ caseId: 'case-7', kind: 'OFFICE_HANDOVER' })).toBe('/office-cases/case-7');
    expect(notificationTarget({ caseId: 'case-7', kind: 'OVERDUE_SUPERVISION' })).toBe('/cases/case-7');
    expect(notificationTarget({ caseId: null, kind: 'DAILY_DIGEST' })).toBe('/notifications');
  });
});
