import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { vi, expect } from 'vitest';
import type { DefineComponent } from 'vue';
import type { RawRuleOf } from '@casl/ability';
import { parseParkConfigYaml, type ParkRules } from '@qifu/domain';
import type { AppAbility } from '@/auth/ability';
import type {
  CaseDetailFieldsFragment,
  CaseSummaryRowFragment,
  DayReason,
  MeFieldsFragment,
  Role,
} from '@/gql/graphql';
import { mountConsole } from '@/test-support/console-harness';
import { meWith, packedAbilities } from '@/test-support/fixtures';
import { graphqlFetch, type GraphQLHandler } from '@/test-support/graphql-fetch';
import type { DepartmentRef } from '../case-labels';

/** The Zhengyang rules as shipped (infra/parks/zhengyang.yaml): the screens read labels from them. */
export function zhengyangRules(): ParkRules {
  const file = resolve(
    dirname(fileURLToPath(import.meta.url)),
    '../../../../../../infra/parks/zhengyang.yaml',
  );
  const parsed = parseParkConfigYaml(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`zhengyang.yaml: ${JSON.stringify(parsed.problems)}`);
  return structuredClone(parsed.config.rules);
}

/** The park's departments as the `departments` query answers, with stable ids for assertions. */
export function departmentsOf(rules: ParkRules): DepartmentRef[] {
  return rules.departments.map((d) => ({
    id: `dep-${d.code.toLowerCase().replaceAll('_', '-')}`,
    code: d.code,
    name: d.name,
    kind: d.kind,
    active: d.active,
  }));
}

/** The API's default policy (20 MB; the form's kinds of files). */
export const ATTACHMENT_POLICY = {
  maxBytes: 20 * 1024 * 1024,
  extensions: ['pdf', 'jpg', 'jpeg', 'png', 'doc', 'docx', 'xls', 'xlsx', 'wps', 'et', 'txt'],
};

export const ECON = 'dep-economic-development';
export const PLANNING = 'dep-planning-construction';
export const TAX_BUREAU = 'dep-district-taxation';

type Rule = RawRuleOf<AppAbility>;

export const CASE_STAFF_RULES: Rule[] = [
  { action: 'read', subject: 'Park' },
  { action: 'read', subject: 'Department' },
  { action: 'read', subject: 'ParkRules' },
  { action: ['create', 'read', 'update'], subject: 'Case' },
];

export const CASE_LEADER_RULES: Rule[] = [
  { action: 'read', subject: 'Department' },
  { action: 'read', subject: 'ParkRules' },
  { action: ['read', 'update'], subject: 'Case' },
];

function me(
  id: string,
  username: string,
  displayName: string,
  role: Role,
  departmentId: string | null = null,
): MeFieldsFragment {
  return meWith(
    {
      id,
      username,
      displayName,
      park: { id: 'p-zy', code: 'zhengyang', name: '重庆市正阳工业园区' },
      district: { id: 'd-qj', code: 'qianjiang', name: '黔江区' },
    },
    role,
    departmentId ? { id: departmentId, name: '经济发展部' } : null,
  );
}

export const staffMe = me('u-staff', 'zy.staff', '王晓红', 'SERVICE_CENTER_STAFF');
export const leaderMe = me('u-leader', 'zy.leader', '陈立新', 'LEADER_IN_CHARGE');
export const handlerMe = me('u-handler', 'zy.handler', '刘洋', 'DEPARTMENT_HANDLER', ECON);

/** Signed in as `who`, with the rules and departments every case screen loads. */
export function caseApi(
  who: MeFieldsFragment,
  rules: Rule[],
  handlers: Record<string, GraphQLHandler>,
  parkRules: ParkRules = zhengyangRules(),
) {
  localStorage.setItem('qifu.accessToken', 'access-1');
  localStorage.setItem('qifu.refreshToken', 'refresh-1');
  return graphqlFetch({
    Session: () => ({ data: { me: who, myAbilities: packedAbilities(rules) } }),
    CaseReference: (vars) => ({
      data: {
        parkRules: { id: 'rules-1', version: (vars.rulesVersion as number | null) ?? 1, rules: parkRules },
        departments: departmentsOf(parkRules),
      },
    }),
    AttachmentPolicy: () => ({ data: { attachmentPolicy: ATTACHMENT_POLICY } }),
    CaseIssuedDocuments: (vars) => ({
      data: { case: { id: vars.id, issuableDocuments: [], issuedDocuments: [] } },
    }),
    ...handlers,
  });
}

export async function openPage(api: ReturnType<typeof graphqlFetch>, path: string) {
  const mounted = await mountConsole(api.fetch, path);
  await vi.waitFor(() => expect(mounted.router.currentRoute.value.fullPath).toBe(path));
  await flushPromises();
  return mounted;
}

/** Sets a v-model the way the component reports it (selects and pickers draw their options in poppers). */
export async function setModel(wrapper: VueWrapper, component: unknown, testId: string, value: unknown) {
  const target = wrapper
    .findAllComponents(component as DefineComponent)
    .find((c) => c.attributes('data-test') === testId || c.vm.$attrs['data-test'] === testId);
  if (!target) throw new Error(`no component with data-test ${testId}`);
  target.vm.$emit('update:modelValue', value);
  const emits = (target.vm.$options as { emits?: unknown }).emits;
  const declared = Array.isArray(emits)
    ? emits.includes('change')
    : Boolean(emits && typeof emits === 'object' && 'change' in emits);
  if (declared) target.vm.$emit('change', value);
  await flushPromises();
}

export function errorBeside(wrapper: VueWrapper, itemTestId: string): string {
  const item = wrapper.find(`[data-test="${itemTestId}"] .el-form-item__error`);
  return item.exists() ? item.text() : '';
}

const DAY = (date: string, counted: boolean, reason: DayReason, holidayName: string | null = null) => ({
  date,
  counted,
  reason,
  holidayName,
  holidayNameEn: holidayName ? 'National Day' : null,
  parkReason: null,
  extension: false,
});

/** The API's answer to registering a case from the intake sheet. */
export const registered = {
  data: {
    registerCase: {
      id: 'case-12',
      registrationNo: '企业困难问题〔2026〕第12号',
      status: 'REGISTERED',
      version: 1,
    },
  },
};

/** A registered case as the `case` query returns it. */
export function registeredCase(overrides: Partial<CaseDetailFieldsFragment> = {}): CaseDetailFieldsFragment {
  return {
    id: 'case-1',
    registrationNo: '企业困难问题〔2026〕第12号',
    rulesVersion: 1,
    status: 'REGISTERED',
    version: 1,
    enterpriseId: 'ent-1',
    enterpriseName: '重庆正阳铝业有限公司',
    enterpriseAddress: '正阳工业园区标准厂房3号',
    reportedAt: '2026-09-29T02:30:00.000Z',
    categoryCode: 'POWER_SUPPLY',
    channelCode: 'HOTLINE',
    reportFormCode: 'PHONE',
    contactName: '张伟',
    contactTitle: '总经理',
    contactPhone: '13800000000',
    contactEmail: 'zhangwei@example.com',
    title: '新建产线用电增容',
    description: '新建产线需增容至2000千伏安，申请已提交三个月未获答复。',
    hopedDepartmentIds: [ECON],
    urgent: false,
    jurisdiction: null,
    major: false,
    policyHeavy: false,
    leadDepartmentId: null,
    departmentIds: [],
    approverRole: null,
    gradeCode: null,
    satisfactionCode: null,
    allowedActions: ['verify', 'reject', 'addProgressNote'],
    approvalChain: [],
    flagCodes: [],
    deadlines: [
      {
        stage: 'verification',
        from: '2026-09-29',
        pendingYear: null,
        dueOn: '2026-10-09',
        amount: 1,
        unit: 'WORKING_DAYS',
        doneOn: null,
        overdue: false,
        departmentId: null,
        tierCode: null,
        originalDueOn: null,
        extensions: [],
        trace: [
          DAY('2026-09-30', false, 'HOLIDAY', '国庆节'),
          DAY('2026-10-01', false, 'HOLIDAY', '国庆节'),
          DAY('2026-10-09', true, 'WORKDAY'),
        ],
      },
    ],
    overdueDeadlines: [],
    departmentTiers: [],
    pendingExtension: null,
    pendingObjection: null,
    objectionSettled: false,
    documents: [],
    attachments: [],
    timeline: [
      {
        id: 'ev-1',
        caseVersion: 1,
        type: 'CaseRegistered',
        occurredAt: '2026-09-29T02:35:00.000Z',
        actorName: '王晓红',
        actorRole: 'SERVICE_CENTER_STAFF',
        statusBefore: null,
        statusAfter: 'REGISTERED',
        data: { urgent: false },
      },
    ],
    skippedSteps: [],
    stepDueNow: 'verification',
    notInRegister: null,
    enterpriseLink: null,
    followUpSampling: null,
    ...overrides,
  };
}

/** One row of the ledger, as the ledger query lists it. */
export const ledgerRow: CaseSummaryRowFragment = {
  id: 'case-1',
  registrationNo: '企业困难问题〔2026〕第1号',
  status: 'IN_PROGRESS',
  version: 4,
  title: '用电增容审批进度慢',
  enterpriseName: '重庆正阳铝业有限公司',
  categoryCode: 'POWER_SUPPLY',
  channelCode: 'HOTLINE',
  reportedAt: '2026-09-29T02:30:00.000Z',
  leadDepartmentId: null,
  departmentIds: [],
  approverRole: null,
  gradeCode: null,
  nextDueOn: null,
  nextDueStage: null,
  overdue: false,
  pendingDeadlineYear: null,
  notInRegister: null,
};
