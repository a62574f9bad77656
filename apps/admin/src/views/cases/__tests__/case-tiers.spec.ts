import { describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { ElOption, ElRadioGroup, ElSelect } from 'element-plus';
import { parseParkConfigYaml, type ParkRules } from '@qifu/domain';
import type { CaseDetailFieldsFragment, MeFieldsFragment } from '@/gql/graphql';
import qinglanYaml from '@infra/parks/qinglan.yaml?raw';
import {
  departmentsOf,
  ECON,
  errorBeside,
  PLANNING,
  registeredCase,
  setModel,
  zhengyangRules,
} from './case-fixtures';
import { caseDetailApi, openAction, openCase, resetCasePage, submitAction } from './case-page';

// 主办 / 分办 / 协办 on the case page: tiers given at screening where the rules offer a choice, the
// split or assisting department's report, and each department's tier and part on the case.

function qinglanRules(): ParkRules {
  const parsed = parseParkConfigYaml(qinglanYaml);
  if (!parsed.ok) throw new Error('qinglan.yaml does not parse');
  return parsed.config.rules;
}

const QL = Object.fromEntries(departmentsOf(qinglanRules()).map((d) => [d.code, d.id]));
const LEAD = QL.ECONOMY_BUREAU;
const SPLIT = QL.PLANNING_BUREAU;
const ASSISTING = QL.SAFETY_BUREAU;

function departmentUser(id: string, name: string, departmentIds: [string, string][]): MeFieldsFragment {
  return {
    id,
    username: `qinglan.${id}`,
    displayName: name,
    park: { id: 'p-ql', code: 'qinglan', name: '青岚高新技术产业园' },
    district: { id: 'd-lj', code: 'lanjiang', name: '澜江区' },
    roles: departmentIds.map(([departmentId, department]) => ({
      role: 'DEPARTMENT_HANDLER' as const,
      departmentId,
      department: { id: departmentId, name: department },
    })),
  };
}
const planningHandler = departmentUser('u-planning', '规划建设局 经办人', [[SPLIT, '规划建设局']]);
const safetyHandler = departmentUser('u-safety', '安全环保局 经办人', [[ASSISTING, '安全环保局']]);
const bothHandler = departmentUser('u-both', '两局 经办人', [
  [SPLIT, '规划建设局'],
  [ASSISTING, '安全环保局'],
]);

let wrapper: VueWrapper | undefined;

/** The labels an Element Plus select offers (its options live in a popper). */
function optionsOf(view: VueWrapper, testId: string): string[] {
  const select = view.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === testId);
  if (!select) throw new Error(`no select ${testId}`);
  return select.findAllComponents(ElOption).map((option) => String(option.props('label')));
}

const verified = (hoped: string[]) =>
  registeredCase({ status: 'VERIFIED', version: 2, hopedDepartmentIds: hoped, allowedActions: ['screen'] });

/** A Qinglan case assigned to 经济运行局 (主办), 规划建设局 (分办) and 安全环保局 (协办). */
const assignedInTiers = (overrides: Partial<CaseDetailFieldsFragment> = {}) => {
  const base = registeredCase();
  const day = base.deadlines[0];
  return registeredCase({
    registrationNo: '青岚园诉〔2026〕001号',
    status: 'IN_PROGRESS',
    version: 5,
    jurisdiction: 'PARK',
    leadDepartmentId: LEAD,
    departmentIds: [LEAD, SPLIT, ASSISTING],
    departmentTiers: [
      { departmentId: SPLIT, tierCode: 'SPLIT', reported: false },
      { departmentId: ASSISTING, tierCode: 'ASSISTING', reported: false },
    ],
    deadlines: [
      { ...day, stage: 'departmentReply', from: '2026-06-15', dueOn: '2026-06-30', amount: 10 },
      {
        ...day,
        stage: 'tierReport',
        from: '2026-06-15',
        dueOn: '2026-06-25',
        amount: 7,
        departmentId: SPLIT,
        tierCode: 'SPLIT',
      },
      {
        ...day,
        stage: 'tierReport',
        from: '2026-06-15',
        dueOn: '2026-06-18',
        amount: 3,
        departmentId: ASSISTING,
        tierCode: 'ASSISTING',
      },
    ],
    allowedActions: ['reportPart'],
    ...overrides,
  });
};

describe('assignment tiers on the case page', () => {
  resetCasePage(() => wrapper);

  it('Qinglan’s screening gives each department besides the lead its tier, and asks for one', async () => {
    const rules = qinglanRules();
    const c = verified([LEAD]);
    const api = caseDetailApi(
      c,
      { ScreenCase: () => ({ data: { screenCase: { ...c, version: 3, allowedActions: [] } } }) },
      { parkRules: rules },
    );
    wrapper = await openCase(api);
    await openAction(wrapper, 'screen');
    expect(wrapper.find('[data-test="action-department-tiers"]').exists()).toBe(false);

    await setModel(wrapper, ElSelect, 'action-field-cooperating-department-ids', [SPLIT, ASSISTING]);
    expect(
      wrapper
        .findAll('[data-test="action-dialog"] label')
        .map((l) => l.text())
        .filter((text) => text.endsWith('部室')),
    ).toEqual(['牵头办理部室', '分办、协办部室']);
    const tiers = wrapper.find('[data-test="action-department-tiers"]');
    expect(tiers.find('legend').text()).toBe('承办方式');
    // Each selector is labelled by its department; the tiers are the rules’ own, in Chinese.
    const item = wrapper.find('[data-test="action-tier-PLANNING_BUREAU-item"]');
    expect(item.find('label').text()).toBe('规划建设局');
    expect(optionsOf(wrapper, 'action-tier-PLANNING_BUREAU')).toEqual(['分办', '协办']);

    await wrapper.find('[data-test="action-field-opinion"]').setValue('经济运行局主办，规划建设局分办');
    await submitAction(wrapper);
    // No cooperating tier to fall back on: each must be chosen.
    expect(api.callsOf('ScreenCase')).toEqual([]);
    await vi.waitFor(() =>
      expect(errorBeside(wrapper!, 'action-tier-PLANNING_BUREAU-item')).toBe('请选择承办方式'),
    );
    expect(errorBeside(wrapper, 'action-tier-SAFETY_BUREAU-item')).toBe('请选择承办方式');

    await setModel(wrapper, ElSelect, 'action-tier-PLANNING_BUREAU', 'SPLIT');
    await setModel(wrapper, ElSelect, 'action-tier-SAFETY_BUREAU', 'ASSISTING');
    await submitAction(wrapper);
    expect(api.callsOf('ScreenCase')[0]?.variables).toEqual({
      input: {
        caseId: 'case-1',
        version: 2,
        jurisdiction: 'PARK',
        major: false,
        policyHeavy: false,
        leadDepartmentId: LEAD,
        cooperatingDepartmentIds: [SPLIT, ASSISTING],
        departmentTiers: [
          { departmentId: SPLIT, tierCode: 'SPLIT' },
          { departmentId: ASSISTING, tierCode: 'ASSISTING' },
        ],
        opinion: '经济运行局主办，规划建设局分办',
      },
    });
  });

  it('Zhengyang’s screening (lead and cooperating only) asks for no tier and sends none', async () => {
    const c = verified([ECON]);
    const screened = {
      ...c,
      version: 3,
      status: 'PENDING_APPROVAL' as const,
      jurisdiction: 'PARK' as const,
      leadDepartmentId: ECON,
      departmentIds: [ECON, PLANNING],
      departmentTiers: [{ departmentId: PLANNING, tierCode: 'COOPERATING', reported: false }],
      allowedActions: [],
      timeline: [
        ...c.timeline,
        {
          id: 'ev-2',
          caseVersion: 3,
          type: 'CaseScreened',
          occurredAt: '2026-10-09T02:00:00.000Z',
          actorName: '王晓红',
          actorRole: 'SERVICE_CENTER_STAFF' as const,
          statusBefore: 'VERIFIED' as const,
          statusAfter: 'PENDING_APPROVAL' as const,
          data: { leadDepartmentId: ECON, departmentTiers: { [PLANNING]: 'COOPERATING' } },
        },
      ],
    };
    const api = caseDetailApi(c, { ScreenCase: () => ({ data: { screenCase: screened } }) });
    wrapper = await openCase(api);
    await openAction(wrapper, 'screen');
    await setModel(wrapper, ElSelect, 'action-field-cooperating-department-ids', [PLANNING]);
    expect(wrapper.find('[data-test="action-department-tiers"]').exists()).toBe(false);
    await wrapper.find('[data-test="action-field-opinion"]').setValue('交经济发展部办理');
    await submitAction(wrapper);
    expect(api.callsOf('ScreenCase')[0]?.variables.input).not.toHaveProperty('departmentTiers');
    expect(api.callsOf('ScreenCase')[0]?.variables.input).toMatchObject({
      cooperatingDepartmentIds: [PLANNING],
    });
    // Attachment 3 as before: 牵头 and 配合办理部室, no tier tags, no tier line on the timeline.
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-test="case-screening"]').text()).toContain('规划建设部'),
    );
    expect(wrapper.find('[data-test="case-screening"]').text()).toContain('配合办理部室');
    expect(wrapper.find('[data-test="case-department-tiers"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="case-lead-tier"]').exists()).toBe(false);
    expect(wrapper.find('[data-event-type="CaseScreened"]').text()).not.toContain('承办方式');
  });

  it('rules with a cooperating tier and another: the choice starts at 配合', async () => {
    const rules = zhengyangRules();
    rules.assignmentTiers.push({
      code: 'ASSISTING',
      labelZh: '协办',
      labelEn: 'Assisting',
      role: 'ASSISTING',
      clock: { amount: 3, unit: 'WORKING_DAYS' },
      reportsTo: 'LEAD_DEPARTMENT',
      ccOfficeCodes: [],
      supervisedWhenLate: true,
    });
    const c = verified([ECON, PLANNING]);
    const api = caseDetailApi(
      c,
      { ScreenCase: () => ({ data: { screenCase: { ...c, version: 3, allowedActions: [] } } }) },
      { parkRules: rules },
    );
    wrapper = await openCase(api);
    await openAction(wrapper, 'screen');
    expect(optionsOf(wrapper, 'action-tier-PLANNING_CONSTRUCTION')).toEqual(['配合', '协办']);
    await wrapper.find('[data-test="action-field-opinion"]').setValue('经济发展部牵头');
    await submitAction(wrapper);
    expect(api.callsOf('ScreenCase')[0]?.variables.input).toMatchObject({
      cooperatingDepartmentIds: [PLANNING],
      departmentTiers: [{ departmentId: PLANNING, tierCode: 'COOPERATING' }],
    });
  });

  it('reassigning after an objection gives the new departments their tiers', async () => {
    const c = assignedInTiers({
      allowedActions: ['decideObjection'],
      pendingObjection: { departmentId: LEAD, reason: '属投资促进局职能', raisedOn: '2026-06-16' },
    });
    const api = caseDetailApi(
      c,
      { DecideObjection: () => ({ data: { decideObjection: { ...c, version: 6, allowedActions: [] } } }) },
      { parkRules: qinglanRules() },
    );
    wrapper = await openCase(api);
    await openAction(wrapper, 'decideObjection');
    await setModel(wrapper, ElRadioGroup, 'action-field-outcome', 'REASSIGNED');
    await setModel(wrapper, ElSelect, 'action-field-lead-department-id', QL.INVESTMENT_BUREAU);
    await setModel(wrapper, ElSelect, 'action-field-cooperating-department-ids', [LEAD]);
    await setModel(wrapper, ElSelect, 'action-tier-ECONOMY_BUREAU', 'ASSISTING');
    await wrapper.find('[data-test="action-field-note"]').setValue('调整由投资促进局主办');
    await submitAction(wrapper);
    expect(api.callsOf('DecideObjection')[0]?.variables.input).toEqual({
      caseId: 'case-1',
      version: 5,
      outcome: 'REASSIGNED',
      leadDepartmentId: QL.INVESTMENT_BUREAU,
      cooperatingDepartmentIds: [LEAD],
      departmentTiers: [{ departmentId: LEAD, tierCode: 'ASSISTING' }],
      note: '调整由投资促进局主办',
    });
  });

  it('a split department reports its part with its reply to the enterprise; the case shows it reported', async () => {
    const c = assignedInTiers();
    const reported = assignedInTiers({
      version: 6,
      allowedActions: [],
      departmentTiers: [
        { departmentId: SPLIT, tierCode: 'SPLIT', reported: true },
        { departmentId: ASSISTING, tierCode: 'ASSISTING', reported: false },
      ],
    });
    const api = caseDetailApi(
      c,
      { ReportPart: () => ({ data: { reportPart: reported } }) },
      { who: planningHandler, parkRules: qinglanRules() },
    );
    wrapper = await openCase(api);
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-test="action-reportPart"]').text()).toBe('报送承办情况'),
    );
    expect(wrapper.find('[data-test="case-department-tier-PLANNING_BUREAU"]').text()).toMatch(
      /规划建设局\s*分办\s*未报送/,
    );
    await openAction(wrapper, 'reportPart');
    // One department to report for: no choice to make.
    expect(wrapper.find('[data-test="action-field-department-id"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="action-tier-hint"]').text()).toContain('分办部室');
    await wrapper.find('[data-test="action-field-report"]').setValue('已完成规划核实');
    await submitAction(wrapper);
    expect(api.callsOf('ReportPart')).toEqual([]);
    await vi.waitFor(() =>
      expect(errorBeside(wrapper!, 'action-field-reply-to-enterprise-item')).toBe('此项为必填'),
    );

    await wrapper
      .find('[data-test="action-field-reply-to-enterprise"]')
      .setValue('规划核实已通过，已电话告知企业');
    await submitAction(wrapper);
    expect(api.callsOf('ReportPart')[0]?.variables).toEqual({
      input: {
        caseId: 'case-1',
        version: 5,
        departmentId: SPLIT,
        report: '已完成规划核实',
        replyToEnterprise: '规划核实已通过，已电话告知企业',
      },
    });
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-test="case-department-tier-PLANNING_BUREAU"]').text()).toContain('已报送'),
    );
    expect(wrapper.find('[data-test="case-department-tier-SAFETY_BUREAU"]').text()).toMatch(
      /安全环保局\s*协办\s*未报送/,
    );
  });

  it('an assisting department reports to the lead without a reply; one acting for both chooses', async () => {
    const c = assignedInTiers();
    let api = caseDetailApi(
      c,
      { ReportPart: () => ({ data: { reportPart: { ...c, version: 6, allowedActions: [] } } }) },
      { who: safetyHandler, parkRules: qinglanRules() },
    );
    wrapper = await openCase(api);
    await openAction(wrapper, 'reportPart');
    expect(wrapper.find('[data-test="action-field-reply-to-enterprise"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="action-tier-hint"]').text()).toContain('协办部室');
    await wrapper.find('[data-test="action-field-report"]').setValue('已出具消防验收意见');
    await submitAction(wrapper);
    expect(api.callsOf('ReportPart')[0]?.variables).toEqual({
      input: { caseId: 'case-1', version: 5, departmentId: ASSISTING, report: '已出具消防验收意见' },
    });
    wrapper.unmount();

    api = caseDetailApi(c, {}, { who: bothHandler, parkRules: qinglanRules() });
    wrapper = await openCase(api);
    await openAction(wrapper, 'reportPart');
    expect(optionsOf(wrapper, 'action-field-department-id')).toEqual(['规划建设局', '安全环保局']);
    expect(wrapper.find('[data-test="action-field-department-id-item"] label').text()).toBe('报送部室');
    expect(wrapper.find('[data-test="action-field-reply-to-enterprise"]').exists()).toBe(true);
    await setModel(wrapper, ElSelect, 'action-field-department-id', ASSISTING);
    expect(wrapper.find('[data-test="action-field-reply-to-enterprise"]').exists()).toBe(false);
  });

  it('names the department and tier of each part’s clock, and the report on the timeline', async () => {
    const c = assignedInTiers({
      allowedActions: [],
      timeline: [
        {
          id: 'ev-8',
          caseVersion: 3,
          type: 'CaseScreened',
          occurredAt: '2026-06-15T02:00:00.000Z',
          actorName: '企业服务中心 林岚',
          actorRole: 'SERVICE_CENTER_STAFF',
          statusBefore: 'VERIFIED',
          statusAfter: 'ASSIGNED',
          data: {
            leadDepartmentId: LEAD,
            cooperatingDepartmentIds: [SPLIT, ASSISTING],
            departmentTiers: { [SPLIT]: 'SPLIT', [ASSISTING]: 'ASSISTING' },
          },
        },
        {
          id: 'ev-9',
          caseVersion: 6,
          type: 'PartReported',
          occurredAt: '2026-06-17T02:00:00.000Z',
          actorName: '安全环保局 经办人',
          actorRole: 'DEPARTMENT_HANDLER',
          statusBefore: 'IN_PROGRESS',
          statusAfter: 'IN_PROGRESS',
          data: {
            departmentId: ASSISTING,
            tierCode: 'ASSISTING',
            tierRole: 'ASSISTING',
            reportsTo: 'LEAD_DEPARTMENT',
            report: '已出具消防验收意见',
            cc: ['DISTRICT_BUSINESS_OFFICE'],
          },
        },
      ],
    });
    const api = caseDetailApi(c, {}, { parkRules: qinglanRules() });
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper!.find('[data-test="case-lead-tier"]').exists()).toBe(true));
    expect(wrapper.find('[data-test="case-lead-tier"]').text()).toMatch(/经济运行局\s*主办/);
    expect(wrapper.find('[data-test="case-screening"]').text()).toContain('分办、协办部室');

    const clocks = wrapper.findAll('[data-test="deadline-tierReport"]');
    expect(clocks.map((clock) => clock.find('[data-test="deadline-owner"]').text())).toEqual([
      '规划建设局（分办）',
      '安全环保局（协办）',
    ]);
    expect(clocks[0].text()).toContain('分办协办报送');
    expect(clocks[0].text()).toContain('7个工作日');

    expect(wrapper.find('[data-event-type="CaseScreened"]').text()).toContain(
      '承办方式规划建设局（分办）、安全环保局（协办）',
    );
    const event = wrapper.find('[data-event-type="PartReported"]').text();
    expect(event).toContain('报送承办情况');
    expect(event).toContain('安全环保局');
    expect(event).toContain('承办方式协办');
    expect(event).toContain('报送对象牵头部室');
    expect(event).toContain('承办情况已出具消防验收意见');
    expect(event).toContain('抄送单位澜江区优化营商环境办公室');
  });
});
