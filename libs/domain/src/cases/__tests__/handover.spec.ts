import type { CaseCommand } from '../case-commands.js';
import { allowedCommands } from '../case-aggregate.js';
import { parkRules } from '../../rules/__tests__/park-fixtures.js';
import type { ParkRules } from '../../rules/park-rules.schema.js';
import {
  CaseRun,
  dep,
  districtCaseIn,
  letterDue,
  LEADER,
  parkCaseIn,
  STAFF,
  stageDue,
  type Actor,
} from './case-fixtures.js';

/** Zhengyang with the city's supervision office receiving overdue cases, 效能办 copied. */
function handoverRules(): ParkRules {
  const rules = parkRules('zhengyang');
  rules.ccOffices.push(
    {
      code: 'CITY_SUPERVISION_OFFICE',
      name: '市委督查室',
      when: 'ALWAYS',
      copiedOn: ['SUPERVISION_LETTER', 'OVERDUE_HANDOVER'],
    },
    { code: 'EFFICIENCY_OFFICE', name: '区效能办', when: 'MAJOR_ONLY', copiedOn: ['OVERDUE_HANDOVER'] },
  );
  rules.overdueHandover = { officeCodes: ['CITY_SUPERVISION_OFFICE'], afterWorkingDays: 2 };
  return rules;
}

/** An in-progress park case of these rules whose handling deadline passed on 2026-03-09. */
function overdueCase(rules = handoverRules()): CaseRun {
  const run = new CaseRun(rules);
  run.state = parkCaseIn('IN_PROGRESS').state;
  run.deadlines = [stageDue('departmentReply', '2026-03-09')];
  return run;
}

const HAND_OVER: CaseCommand = { type: 'handOverToOffice' };

const vetoOf = (run: CaseRun, actor: Actor, command: CaseCommand = HAND_OVER) => {
  const veto = run.refused(actor, command);
  return { kind: veto.kind, field: veto.field, reason: veto.reason, reasonZh: veto.reasonZh };
};

describe('handOverToOffice (移交)', () => {
  it('hands a supervised overdue case to the rules’ offices, copying the others, once per deadline', () => {
    const run = overdueCase();
    run.do(STAFF, { type: 'superviseOverdue' });
    expect(run.state.supervisedDueOn).toBe('2026-03-09');
    expect(allowedCommands(run.state, run.ctx(STAFF))).toContain('handOverToOffice');
    const event = run.do(STAFF, { type: 'handOverToOffice', note: '督办后仍未办结' });
    expect(event).toEqual({
      type: 'CaseHandedOver',
      data: {
        officeCodes: ['CITY_SUPERVISION_OFFICE'],
        ccOfficeCodes: [],
        stage: 'departmentReply',
        dueOn: '2026-03-09',
        supervisedDueOn: '2026-03-09',
        note: '督办后仍未办结',
        addresseeDepartmentIds: [dep('ECONOMIC_DEVELOPMENT')],
        overdue: [
          { stage: 'departmentReply', dueOn: '2026-03-09', departmentId: dep('ECONOMIC_DEVELOPMENT') },
        ],
        from: 'IN_PROGRESS',
        to: 'IN_PROGRESS',
      },
    });
    expect(run.state).toMatchObject({ status: 'IN_PROGRESS', handedOverDueOn: '2026-03-09' });
    expect(vetoOf(run, STAFF)).toMatchObject({
      kind: 'PRECONDITION',
      field: 'deadlines',
      reason: 'Already handed over for the deadline of 2026-03-09',
    });
    expect(allowedCommands(run.state, run.ctx(STAFF))).not.toContain('handOverToOffice');
  });

  it('copies MAJOR_ONLY offices on a major case, and takes the offices staff name', () => {
    const run = overdueCase();
    run.state = { ...run.state, major: true };
    run.do(STAFF, { type: 'superviseOverdue' });
    const event = run.do(STAFF, {
      type: 'handOverToOffice',
      officeCodes: ['EFFICIENCY_OFFICE', 'DISTRICT_RECTIFICATION_OFFICE'],
    });
    expect(event.data).toMatchObject({
      officeCodes: ['EFFICIENCY_OFFICE', 'DISTRICT_RECTIFICATION_OFFICE'],
      ccOfficeCodes: ['CITY_SUPERVISION_OFFICE'],
      note: '',
    });
  });

  it('refuses a case that is not overdue, or whose overdue deadline was not supervised', () => {
    const running = overdueCase();
    running.deadlines = [stageDue('departmentReply', '2026-03-20')];
    expect(vetoOf(running, STAFF)).toMatchObject({
      kind: 'PRECONDITION',
      field: 'deadlines',
      reasonZh: '仅超过办结时限的事项可以移交',
    });
    const unsupervised = overdueCase();
    expect(vetoOf(unsupervised, STAFF)).toMatchObject({
      kind: 'PRECONDITION',
      field: 'deadlines',
      reason: 'The deadline of 2026-03-09 has not been supervised: send the supervision letter first',
    });
    // Supervised for a deadline since extended and missed again: that one is not supervised yet.
    const again = overdueCase();
    again.do(STAFF, { type: 'superviseOverdue' });
    again.deadlines = [
      stageDue('departmentReply', '2026-03-09', '2026-03-09'),
      stageDue('departmentReply', '2026-03-09'),
    ];
    again.state = { ...again.state, supervisedDueOn: '2026-03-02' };
    expect(vetoOf(again, STAFF).reason).toContain('has not been supervised');
    expect(allowedCommands(unsupervised.state, unsupervised.ctx(STAFF))).not.toContain('handOverToOffice');
  });

  it('hands over a district case for the bureaus that did not answer their letters', () => {
    const run = districtCaseIn('REFERRED');
    (run as { rules: ParkRules }).rules.ccOffices.push(...handoverRules().ccOffices.slice(2));
    run.rules.overdueHandover = { officeCodes: ['CITY_SUPERVISION_OFFICE'], afterWorkingDays: 0 };
    run.deadlines = [
      stageDue('referralReply', '2026-03-06'),
      letterDue('DISTRICT_TAXATION', '2026-03-06'),
      letterDue('DISTRICT_ECONOMY_INFORMATION', '2026-03-12'),
    ];
    run.do(STAFF, { type: 'superviseOverdue' });
    expect(run.do(STAFF, HAND_OVER).data).toMatchObject({
      stage: 'referralReply',
      dueOn: '2026-03-06',
      addresseeDepartmentIds: [dep('DISTRICT_TAXATION')],
    });
  });

  it('refuses without a hand-over in the rules, other roles, other statuses and wrong offices', () => {
    const plain = new CaseRun(parkRules('zhengyang'));
    plain.state = { ...parkCaseIn('IN_PROGRESS').state, supervisionCount: 1, supervisedDueOn: '2026-03-09' };
    plain.deadlines = [stageDue('departmentReply', '2026-03-09')];
    expect(vetoOf(plain, STAFF)).toMatchObject({
      kind: 'PRECONDITION',
      reasonZh: '园区规则未规定向外部督查单位移交超期事项',
    });
    const run = overdueCase();
    run.do(STAFF, { type: 'superviseOverdue' });
    expect(vetoOf(run, LEADER).kind).toBe('PERMISSION');
    const closed = new CaseRun(handoverRules());
    closed.state = parkCaseIn('CLOSED').state;
    expect(vetoOf(closed, STAFF).kind).toBe('STATUS');
    expect(vetoOf(run, STAFF, { type: 'handOverToOffice', officeCodes: [] })).toMatchObject({
      kind: 'INPUT',
      field: 'officeCodes',
    });
    expect(
      vetoOf(run, STAFF, { type: 'handOverToOffice', officeCodes: ['CITY_SUPERVISION_OFFICE', 'NOBODY'] }),
    ).toMatchObject({ kind: 'INPUT', field: 'officeCodes[1]' });
    expect(
      vetoOf(run, STAFF, {
        type: 'handOverToOffice',
        officeCodes: ['CITY_SUPERVISION_OFFICE', 'CITY_SUPERVISION_OFFICE'],
      }),
    ).toMatchObject({ kind: 'INPUT', field: 'officeCodes[1]' });
    expect(vetoOf(run, STAFF, { type: 'handOverToOffice', note: 7 } as unknown as CaseCommand)).toMatchObject(
      { kind: 'INPUT', field: 'note' },
    );
  });

  it('reads a case supervised before hand-overs existed (no supervised date) as supervised', () => {
    const run = overdueCase();
    run.state = { ...run.state, supervisionCount: 1 };
    expect(run.do(STAFF, HAND_OVER).data).toMatchObject({ dueOn: '2026-03-09', supervisedDueOn: null });
  });
});
