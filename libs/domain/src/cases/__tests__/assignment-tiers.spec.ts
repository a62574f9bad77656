import { allowedCommands } from '../case-aggregate.js';
import { overdueDeadlines } from '../overdue-deadlines.js';
import { parkRules } from '../../rules/__tests__/park-fixtures.js';
import type { ParkRules } from '../../rules/park-rules.schema.js';
import { validateParkRules } from '../../rules/validate-park-rules.js';
import {
  CaseRun,
  dep,
  EXECUTIVE,
  handler,
  head,
  screenPark,
  STAFF,
  stageDue,
  SUBMIT,
  VERIFY,
} from './case-fixtures.js';

/** Zhengyang's departments under a three-tier rulebook: 主办, 分办 (5 working days), 协办 (3, cc'd). */
function tieredRules(): ParkRules {
  const rules = parkRules('zhengyang');
  rules.ccOffices.push({
    code: 'COORDINATION_OFFICE',
    name: '企业服务协调办',
    when: 'ALWAYS',
    copiedOn: ['RESULT_REPORT'],
  });
  rules.assignmentTiers = [
    {
      code: 'LEAD',
      labelZh: '主办',
      labelEn: 'Lead',
      role: 'LEAD',
      ccOfficeCodes: [],
      supervisedWhenLate: true,
    },
    {
      code: 'SPLIT',
      labelZh: '分办',
      labelEn: 'Split',
      role: 'SPLIT',
      clock: { amount: 5, unit: 'WORKING_DAYS' },
      ccOfficeCodes: [],
      supervisedWhenLate: true,
    },
    {
      code: 'ASSISTING',
      labelZh: '协办',
      labelEn: 'Assisting',
      role: 'ASSISTING',
      clock: { amount: 3, unit: 'WORKING_DAYS' },
      reportsTo: 'LEAD_DEPARTMENT',
      ccOfficeCodes: ['COORDINATION_OFFICE'],
      supervisedWhenLate: false,
    },
  ];
  return rules;
}

const TIERS = [
  { departmentId: dep('FINANCE'), tierCode: 'SPLIT' },
  { departmentId: dep('PLANNING_CONSTRUCTION'), tierCode: 'ASSISTING' },
];

/** A case assigned to 经济发展部 (lead), 财政金融部 (split) and 规划建设部 (assisting). */
function tieredCase(): CaseRun {
  const run = new CaseRun(tieredRules());
  run.do(STAFF, VERIFY);
  run.do(
    STAFF,
    screenPark('ECONOMIC_DEVELOPMENT', ['FINANCE', 'PLANNING_CONSTRUCTION'], { departmentTiers: TIERS }),
  );
  run.do(EXECUTIVE, { type: 'approve', opinion: '同意' });
  expect(run.state.status).toBe('ASSIGNED');
  return run;
}

describe('assignment tiers (主办 / 分办 / 协办 / 配合)', () => {
  it('keeps Zhengyang as lead + cooperating: every other department cooperates, with no report to give', () => {
    const run = new CaseRun('zhengyang');
    run.do(STAFF, VERIFY);
    run.do(STAFF, screenPark('ECONOMIC_DEVELOPMENT', ['FINANCE']));
    expect(run.state.departmentTiers).toEqual({ [dep('FINANCE')]: 'COOPERATING' });
    run.do(EXECUTIVE, { type: 'approve', opinion: '同意' });
    expect(allowedCommands(run.state, run.ctx(handler('FINANCE')))).toEqual(['addProgressNote']);
  });

  it('records each department’s tier at screening and refuses an unknown tier or the lead’s', () => {
    const run = new CaseRun(tieredRules());
    run.do(STAFF, VERIFY);
    const screen = (departmentTiers: { departmentId: string; tierCode: string }[]) =>
      screenPark('ECONOMIC_DEVELOPMENT', ['FINANCE', 'PLANNING_CONSTRUCTION'], { departmentTiers });
    expect(run.refused(STAFF, screen([{ departmentId: dep('FINANCE'), tierCode: 'HELPER' }]))).toMatchObject({
      kind: 'INPUT',
      field: 'departmentTiers[0].tierCode',
    });
    expect(run.refused(STAFF, screen([{ departmentId: dep('FINANCE'), tierCode: 'LEAD' }]))).toMatchObject({
      kind: 'INPUT',
      field: 'departmentTiers[0].tierCode',
    });
    expect(
      run.refused(STAFF, screen([{ departmentId: dep('SAFETY_ENVIRONMENT'), tierCode: 'SPLIT' }])),
    ).toMatchObject({ kind: 'INPUT', field: 'departmentTiers[0].departmentId' });
    // No COOPERATING tier in these rules: a department left without a tier is named.
    expect(run.refused(STAFF, screen([TIERS[0]]))).toMatchObject({
      kind: 'INPUT',
      field: 'cooperatingDepartmentIds[1]',
    });
    run.do(STAFF, screen(TIERS));
    expect(run.state.departmentTiers).toEqual({
      [dep('FINANCE')]: 'SPLIT',
      [dep('PLANNING_CONSTRUCTION')]: 'ASSISTING',
    });
  });

  it('lets a split department answer its part, and holds the lead’s result until it has', () => {
    const run = tieredCase();
    run.do(handler('ECONOMIC_DEVELOPMENT'), { type: 'startHandling' });
    expect(run.refused(handler('ECONOMIC_DEVELOPMENT'), SUBMIT)).toMatchObject({
      kind: 'PRECONDITION',
      reasonZh: '分办部室尚未全部报送承办情况：FINANCE',
    });
    expect(allowedCommands(run.state, run.ctx(handler('FINANCE')))).toContain('reportPart');
    expect(run.refused(handler('FINANCE'), { type: 'reportPart', report: '已落实贴息' })).toMatchObject({
      kind: 'INPUT',
      field: 'replyToEnterprise',
    });
    const event = run.do(handler('FINANCE'), {
      type: 'reportPart',
      report: '已落实贴息',
      replyToEnterprise: '贴息资金已于本月拨付',
    });
    expect(event).toMatchObject({
      type: 'PartReported',
      data: { departmentId: dep('FINANCE'), tierCode: 'SPLIT', reportsTo: 'SERVICE_CENTER' },
    });
    // Once per department and assignment.
    expect(allowedCommands(run.state, run.ctx(handler('FINANCE')))).not.toContain('reportPart');
    run.do(handler('ECONOMIC_DEVELOPMENT'), SUBMIT);
    expect(run.state.status).toBe('RESULT_SUBMITTED');
  });

  it('has an assisting department report to the lead, copying the tier’s offices, without holding the lead', () => {
    const run = tieredCase();
    const event = run.do(head('PLANNING_CONSTRUCTION'), { type: 'reportPart', report: '已出具规划意见' });
    expect(event.data).toMatchObject({
      tierCode: 'ASSISTING',
      reportsTo: 'LEAD_DEPARTMENT',
      cc: ['COORDINATION_OFFICE'],
    });
    expect(event.data).not.toHaveProperty('replyToEnterprise');
    // The lead cannot report a part, nor can a department of another case.
    expect(run.refused(handler('ECONOMIC_DEVELOPMENT'), { type: 'reportPart', report: 'x' }).kind).toBe(
      'PERMISSION',
    );
    expect(run.refused(handler('SAFETY_ENVIRONMENT'), { type: 'reportPart', report: 'x' }).kind).toBe(
      'PERMISSION',
    );
  });

  it('supervises the late clocks of supervised tiers only, each addressed to its department', () => {
    const run = tieredCase();
    run.today = '2026-03-20';
    const clock = (code: string, tierCode: string, dueOn: string) => ({
      stage: 'tierReport' as const,
      from: '2026-03-10',
      dueOn,
      doneOn: null,
      departmentId: dep(code),
      tierCode,
    });
    run.deadlines = [
      stageDue('departmentReply', '2026-03-24'),
      clock('FINANCE', 'SPLIT', '2026-03-17'),
      clock('PLANNING_CONSTRUCTION', 'ASSISTING', '2026-03-13'),
    ];
    expect(overdueDeadlines(run.state, run.deadlines, run.today, run.rules)).toEqual([
      { stage: 'tierReport', dueOn: '2026-03-17', departmentId: dep('FINANCE'), tierCode: 'SPLIT' },
    ]);
    const event = run.do(STAFF, { type: 'superviseOverdue' });
    expect(event.data).toMatchObject({ dueOn: '2026-03-17', addresseeDepartmentIds: [dep('FINANCE')] });
  });

  it('gives a reassigned case new tiers, every part owed again', () => {
    const rules = tieredRules();
    rules.objections = { windowWorkingDays: 3, decidedBy: ['SERVICE_CENTER_STAFF'], decisionWorkingDays: 2 };
    const run = new CaseRun(rules);
    run.do(STAFF, VERIFY);
    run.do(
      STAFF,
      screenPark('ECONOMIC_DEVELOPMENT', ['FINANCE', 'PLANNING_CONSTRUCTION'], { departmentTiers: TIERS }),
    );
    run.do(EXECUTIVE, { type: 'approve', opinion: '同意' });
    run.deadlines = [{ ...stageDue('departmentReply', '2026-03-24'), from: '2026-03-10' }];
    run.do(head('PLANNING_CONSTRUCTION'), { type: 'reportPart', report: '已出具规划意见' });
    run.do(handler('ECONOMIC_DEVELOPMENT'), { type: 'objectToAssignment', reason: '不属本部室职能' });
    run.do(STAFF, {
      type: 'decideObjection',
      outcome: 'REASSIGNED',
      leadDepartmentId: dep('INVESTMENT_PROMOTION'),
      cooperatingDepartmentIds: [dep('PLANNING_CONSTRUCTION')],
      departmentTiers: [{ departmentId: dep('PLANNING_CONSTRUCTION'), tierCode: 'SPLIT' }],
      note: '调整为招商投资促进部主办',
    });
    expect(run.state).toMatchObject({
      departmentTiers: { [dep('PLANNING_CONSTRUCTION')]: 'SPLIT' },
      partsReported: [],
    });
  });
});

describe('assignment tier rules', () => {
  const withTiers = (tiers: unknown[]) => {
    const rules = parkRules('zhengyang') as unknown as Record<string, unknown>;
    return validateParkRules({ ...rules, assignmentTiers: tiers });
  };
  const problems = (tiers: unknown[]) => {
    const result = withTiers(tiers);
    return result.ok ? [] : result.problems;
  };
  const tier = (code: string, role: string, extra: Record<string, unknown> = {}) => ({
    code,
    labelZh: code,
    labelEn: code,
    role,
    supervisedWhenLate: false,
    ...extra,
  });

  it('defaults to Zhengyang’s lead and cooperating tiers', () => {
    const { assignmentTiers: _, ...rest } = parkRules('zhengyang') as unknown as Record<string, unknown>;
    const result = validateParkRules(rest);
    expect(result.ok && result.rules.assignmentTiers.map((t) => [t.code, t.role])).toEqual([
      ['LEAD', 'LEAD'],
      ['COOPERATING', 'COOPERATING'],
    ]);
  });

  it('needs exactly one lead tier, clocks on split and assisting tiers only, known offices', () => {
    expect(problems([tier('SPLIT', 'SPLIT', { clock: { amount: 5, unit: 'WORKING_DAYS' } })])).toContainEqual(
      {
        path: 'assignmentTiers',
        message: 'must have exactly one tier of role LEAD (has 0)',
      },
    );
    expect(problems([tier('LEAD', 'LEAD'), tier('SPLIT', 'SPLIT')])).toContainEqual({
      path: 'assignmentTiers[1].clock',
      message: 'a SPLIT tier needs its clock (amount and unit)',
    });
    expect(problems([tier('LEAD', 'LEAD', { clock: { amount: 5, unit: 'WORKING_DAYS' } })])).toContainEqual({
      path: 'assignmentTiers[0].clock',
      message: "the lead tier's clock is deadlines.departmentReply",
    });
    expect(
      problems([tier('LEAD', 'LEAD'), tier('HELP', 'COOPERATING', { reportsTo: 'LEAD_DEPARTMENT' })]),
    ).toContainEqual({
      path: 'assignmentTiers[1].reportsTo',
      message: 'only SPLIT and ASSISTING tiers report to someone',
    });
    expect(
      problems([
        tier('LEAD', 'LEAD'),
        tier('ASSISTING', 'ASSISTING', {
          clock: { amount: 3, unit: 'WORKING_DAYS' },
          ccOfficeCodes: ['NOPE'],
        }),
      ]),
    ).toContainEqual({ path: 'assignmentTiers[1].ccOfficeCodes[0]', message: 'unknown cc office "NOPE"' });
    expect(problems([tier('LEAD', 'LEAD'), tier('LEAD', 'COOPERATING')])).toContainEqual({
      path: 'assignmentTiers[1].code',
      message: expect.stringContaining('LEAD'),
    });
  });
});
