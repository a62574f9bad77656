import type { ParkRules, ProcedureStep } from '../../rules/park-rules.schema.js';
import { parkRules } from '../../rules/__tests__/park-fixtures.js';
import { admissionOf, allowedCommands, registerCase } from '../case-aggregate.js';
import type { CaseCommandOf } from '../case-commands.js';
import { caseStateFromStored, newCaseState, type CaseState, type Veto } from '../case-state.js';
import { STATUS_DEADLINE_STAGES } from '../deadlines.js';
import { runningDeadlineStage, samplingBucket, stepDueNow } from '../procedure-steps.js';
import {
  ACCEPT_RESULT,
  CaseRun,
  contextFor,
  EXECUTIVE,
  handler,
  head,
  parkCaseIn,
  screenDistrict,
  screenPark,
  reply,
  STAFF,
  SUBMIT,
  VERIFY,
} from './case-fixtures.js';

/** Zhengyang's rules with other steps, sample or admissibility. */
function rulesWith(patch: Partial<Pick<ParkRules, 'steps' | 'followUp' | 'admissibility'>>): ParkRules {
  const rules = parkRules('zhengyang');
  return {
    ...rules,
    steps: { ...rules.steps, ...patch.steps },
    followUp: { ...rules.followUp, ...patch.followUp },
    admissibility: { ...rules.admissibility, ...patch.admissibility },
  };
}

const LEAD = 'ECONOMIC_DEVELOPMENT';
const SKIP = (step: ProcedureStep): CaseCommandOf<'skipStep'> => ({
  type: 'skipStep',
  step,
  reason: '按园区规则可省略',
});
const UNDER_28 = '0b6f1f5e-3c1a-4d0e-9a51-2f4c8d7e6a10';
const BUCKET_83 = '5d2c9b7a-1e4f-4a3b-8c6d-0f9e8d7c6b5a';

/** A park case from registration to RESPONDED, through whatever steps `rules` have. */
function respondedCase(rules: ParkRules, caseId = UNDER_28, ordinal: number | null = null): CaseRun {
  const run = new CaseRun(rules);
  run.sampling = { caseId, nextOrdinal: ordinal };
  if (rules.steps.verification === 'REQUIRED') run.do(STAFF, VERIFY);
  if (rules.steps.verification === 'OPTIONAL') run.do(STAFF, SKIP('verification'));
  run.do(STAFF, screenPark(LEAD, ['FINANCE']));
  run.do(EXECUTIVE, { type: 'approve', opinion: '同意' });
  run.do(handler(LEAD), { type: 'startHandling' });
  run.do(handler(LEAD), SUBMIT);
  if (rules.steps.headReview !== 'ABSENT') run.do(head(LEAD), ACCEPT_RESULT);
  expect(run.state.status).toBe('RESPONDED');
  return run;
}

const expectVeto = (veto: Veto, kind: Veto['kind'], text: string, field?: string) => {
  expect(veto).toMatchObject({ ok: false, kind });
  expect(veto.reason).toContain(text);
  expect(veto.reasonZh).not.toBe('');
  expect(veto.field).toBe(field);
};

describe('Zhengyang: every step required, every case followed up (unchanged)', () => {
  it('walks the lifecycle with the same acts, deadlines and close-out rule as before', () => {
    const run = parkCaseIn('GRADED');
    for (const status of ['REGISTERED', 'VERIFIED', 'RESULT_SUBMITTED', 'RESPONDED', 'GRADED'] as const) {
      const state: CaseState = { ...run.state, status };
      expect(runningDeadlineStage(state, run.rules)).toBe(STATUS_DEADLINE_STAGES[status]);
    }
    expect(run.events.find((e) => e.type === 'CaseGraded')?.data.followUpSampling).toEqual({
      sampled: true,
      basis: 'ALL',
    });
    expect(allowedCommands(run.state, run.ctx(STAFF))).toEqual([
      'recordFollowUp',
      'specialSupervision',
      'escalate',
    ]);
    expectVeto(run.refused(STAFF, { type: 'closeOut' }), 'PRECONDITION', 'Follow the case up first');
    run.do(STAFF, { type: 'recordFollowUp', satisfactionCode: 'UNSATISFIED' });
    expectVeto(run.refused(STAFF, { type: 'closeOut' }), 'PRECONDITION', 'not satisfied');
    expect(allowedCommands(run.state, run.ctx(STAFF))).toContain('specialSupervision');
  });

  it('never offers to skip a step, and screens only verified cases', () => {
    const run = new CaseRun('zhengyang');
    expect(allowedCommands(run.state, run.ctx(STAFF))).toEqual([
      'verify',
      'reject',
      'recordPolicyDiscussion',
      'reportToLeader',
    ]);
    expectVeto(run.refused(STAFF, SKIP('verification')), 'PRECONDITION', 'Verification is required');
    expectVeto(run.refused(STAFF, screenPark(LEAD, ['FINANCE'])), 'PRECONDITION', 'Verify the case first');
    const answered = parkCaseIn('RESULT_SUBMITTED');
    expectVeto(answered.refused(STAFF, SKIP('headReview')), 'PRECONDITION', 'required by the park rules');
  });

  it('rejects an enterprise outside the register at registration (Art. 2)', () => {
    const rules = parkRules('zhengyang');
    expect(admissionOf(rules, false)).toBe('REJECT');
    expect(admissionOf(rules, true)).toBe('ADMIT');
    const decision = registerCase(
      { categoryCode: 'OTHER', channelCode: 'HOTLINE', reportFormCode: 'PHONE', enterpriseInRegister: false },
      contextFor(rules, STAFF),
    );
    expect(decision).toMatchObject({ ok: true, next: { notInRegister: null } });
  });

  it('reads a case stored before steps and samples existed as one followed up like every case', () => {
    const { skippedSteps: _s, followUpSampling: _f, notInRegister: _n, ...old } = parkCaseIn('GRADED').state;
    const state = caseStateFromStored(old);
    expect(state).toMatchObject({ skippedSteps: [], notInRegister: null });
    expect(state.followUpSampling).toEqual({ sampled: true, basis: 'ALL' });
    expect(
      caseStateFromStored({ ...old, status: 'IN_PROGRESS', gradeCode: null }).followUpSampling,
    ).toBeNull();
  });
});

describe('verification', () => {
  it('OPTIONAL: the service center skips it with a reason, and the case is screened from REGISTERED', () => {
    const run = new CaseRun(rulesWith({ steps: { verification: 'OPTIONAL' } as ParkRules['steps'] }));
    expect(stepDueNow(run.state, run.rules)).toBe('verification');
    expect(allowedCommands(run.state, run.ctx(STAFF))).toContain('skipStep');
    expectVeto(run.refused(handler(LEAD), SKIP('verification')), 'PERMISSION', 'service center');
    expectVeto(run.refused(STAFF, SKIP('grading')), 'INPUT', 'must be verification', 'step');
    expectVeto(run.refused(STAFF, { ...SKIP('verification'), reason: ' ' }), 'INPUT', 'reason', 'reason');
    const event = run.do(STAFF, SKIP('verification'));
    expect(event).toMatchObject({
      type: 'StepSkipped',
      data: { step: 'verification', reason: '按园区规则可省略', from: 'REGISTERED', to: 'REGISTERED' },
    });
    expect(run.state.skippedSteps).toEqual(['verification']);
    expect(runningDeadlineStage(run.state, run.rules)).toBe('screening');
    expectVeto(run.refused(STAFF, VERIFY), 'PRECONDITION', 'skipped');
    run.do(STAFF, screenPark(LEAD, ['FINANCE']));
    // Sent back, it returns to where it was screened from.
    run.do(EXECUTIVE, { type: 'sendBack', reason: '请补充' });
    expect(run.state.status).toBe('REGISTERED');
    run.do(STAFF, screenPark(LEAD, ['FINANCE']));
  });

  it('ABSENT: no verification at all; screening runs from registration', () => {
    const run = new CaseRun(rulesWith({ steps: { verification: 'ABSENT' } as ParkRules['steps'] }));
    expect(runningDeadlineStage(run.state, run.rules)).toBe('screening');
    expect(allowedCommands(run.state, run.ctx(STAFF))).not.toContain('verify');
    expectVeto(run.refused(STAFF, VERIFY), 'PRECONDITION', 'no verification step');
    expectVeto(run.refused(STAFF, SKIP('verification')), 'PRECONDITION', 'No step is due');
    run.do(STAFF, screenPark(LEAD, ['FINANCE']));
    expect(run.state.status).toBe('PENDING_APPROVAL');
  });
});

describe("the department head's review", () => {
  it('ABSENT: the submitted result is the answer', () => {
    const run = respondedCase(rulesWith({ steps: { headReview: 'ABSENT' } as ParkRules['steps'] }));
    expect(run.events.find((e) => e.type === 'ResultSubmitted')?.data).toMatchObject({
      headReview: 'ABSENT',
      to: 'RESPONDED',
    });
  });

  it('OPTIONAL: the service center takes the result without the review, with a reason', () => {
    const run = parkCaseIn('IN_PROGRESS');
    const rules = rulesWith({ steps: { headReview: 'OPTIONAL' } as ParkRules['steps'] });
    const optional = new CaseRun(rules);
    optional.state = run.state;
    optional.do(handler(LEAD), SUBMIT);
    expectVeto(optional.refused(head(LEAD), SKIP('headReview')), 'PERMISSION', 'service center');
    optional.do(STAFF, SKIP('headReview'));
    expect(optional.state).toMatchObject({ status: 'RESPONDED', skippedSteps: ['headReview'] });
  });
});

describe('grading', () => {
  it('ABSENT: the answered case is followed up and closed out without a grade', () => {
    const run = respondedCase(rulesWith({ steps: { grading: 'ABSENT' } as ParkRules['steps'] }));
    expect(run.state.followUpSampling).toEqual({ sampled: true, basis: 'ALL' });
    expect(run.events.at(-1)?.data.followUpSampling).toEqual({ sampled: true, basis: 'ALL' });
    expect(runningDeadlineStage(run.state, run.rules)).toBe('followUp');
    expectVeto(run.refused(STAFF, { type: 'grade', gradeCode: 'A' }), 'PRECONDITION', 'no grading');
    expectVeto(run.refused(STAFF, { type: 'closeOut' }), 'PRECONDITION', 'Follow the case up first');
    run.do(STAFF, { type: 'recordFollowUp', satisfactionCode: 'SATISFIED' });
    run.do(STAFF, { type: 'closeOut' });
    expect(run.state).toMatchObject({ status: 'CLOSED', gradeCode: null, satisfactionCode: 'SATISFIED' });
  });

  it('ABSENT with no follow-up either: the answered case is closed out at once', () => {
    const rules = rulesWith({ steps: { grading: 'ABSENT', followUp: 'ABSENT' } as ParkRules['steps'] });
    const run = respondedCase(rules);
    expect(runningDeadlineStage(run.state, rules)).toBeUndefined();
    expect(allowedCommands(run.state, run.ctx(STAFF))).toContain('closeOut');
    run.do(STAFF, { type: 'closeOut' });
  });

  it('OPTIONAL: skipping it decides the sample, as a grade would', () => {
    const rules = rulesWith({
      steps: { grading: 'OPTIONAL' } as ParkRules['steps'],
      followUp: { mode: 'PERCENT', percent: 50, onUnsatisfied: 'SPECIAL_SUPERVISION' },
    });
    const run = respondedCase(rules, BUCKET_83);
    expectVeto(run.refused(STAFF, { type: 'closeOut' }), 'PRECONDITION', 'Grade the case first');
    const event = run.do(STAFF, SKIP('grading'));
    expect(event.data.followUpSampling).toEqual({
      sampled: false,
      basis: 'PERCENT',
      percent: 50,
      bucket: 83,
    });
    expectVeto(run.refused(STAFF, { type: 'grade', gradeCode: 'A' }), 'PRECONDITION', 'skipped');
    run.do(STAFF, { type: 'closeOut' });
    expect(run.state).toMatchObject({ status: 'CLOSED', gradeCode: null, skippedSteps: ['grading'] });
  });
});

describe('follow-up', () => {
  it('ABSENT: close-out right after grading, no follow-up deadline', () => {
    const run = respondedCase(rulesWith({ steps: { followUp: 'ABSENT' } as ParkRules['steps'] }));
    const graded = run.do(STAFF, { type: 'grade', gradeCode: 'A' });
    expect(graded.data.followUpSampling).toEqual({ sampled: false, basis: 'STEP_ABSENT' });
    expect(runningDeadlineStage(run.state, run.rules)).toBeUndefined();
    expectVeto(
      run.refused(STAFF, { type: 'recordFollowUp', satisfactionCode: 'SATISFIED' }),
      'PRECONDITION',
      'no follow-up',
    );
    run.do(STAFF, { type: 'closeOut' });
  });

  it('OPTIONAL: skipped with a reason, then closed out', () => {
    const run = respondedCase(rulesWith({ steps: { followUp: 'OPTIONAL' } as ParkRules['steps'] }));
    run.do(STAFF, { type: 'grade', gradeCode: 'A' });
    expect(stepDueNow(run.state, run.rules)).toBe('followUp');
    run.do(STAFF, SKIP('followUp'));
    expect(runningDeadlineStage(run.state, run.rules)).toBeUndefined();
    expectVeto(
      run.refused(STAFF, { type: 'recordFollowUp', satisfactionCode: 'SATISFIED' }),
      'PRECONDITION',
      'skipped',
    );
    run.do(STAFF, { type: 'closeOut' });
    expect(run.state).toMatchObject({ status: 'CLOSED', satisfactionCode: null });
  });

  it('PERCENT: by a stable bucket of the case id, recorded at grading', () => {
    expect(samplingBucket(UNDER_28)).toBe(28);
    expect(samplingBucket(BUCKET_83)).toBe(83);
    const rules = rulesWith({
      followUp: { mode: 'PERCENT', percent: 30, onUnsatisfied: 'SPECIAL_SUPERVISION' },
    });
    const inSample = respondedCase(rules, UNDER_28);
    expect(inSample.do(STAFF, { type: 'grade', gradeCode: 'A' }).data.followUpSampling).toEqual({
      sampled: true,
      basis: 'PERCENT',
      percent: 30,
      bucket: 28,
    });
    expectVeto(inSample.refused(STAFF, { type: 'closeOut' }), 'PRECONDITION', 'Follow the case up first');

    const outside = respondedCase(rules, BUCKET_83);
    outside.do(STAFF, { type: 'grade', gradeCode: 'A' });
    expect(runningDeadlineStage(outside.state, rules)).toBeUndefined();
    expectVeto(
      outside.refused(STAFF, { type: 'recordFollowUp', satisfactionCode: 'SATISFIED' }),
      'PRECONDITION',
      'not sampled',
    );
    outside.do(STAFF, { type: 'closeOut' });
    expect(outside.state.satisfactionCode).toBeNull();
  });

  it('EVERY_NTH: each Nth case of the park by its count, decided once per case', () => {
    const rules = rulesWith({
      followUp: { mode: 'EVERY_NTH', everyNth: 3, onUnsatisfied: 'SPECIAL_SUPERVISION' },
    });
    const third = respondedCase(rules, UNDER_28, 3);
    expect(third.do(STAFF, { type: 'grade', gradeCode: 'B' }).data.followUpSampling).toBeUndefined();
    const final = third.do(STAFF, { type: 'grade', gradeCode: 'A' });
    expect(final.data.followUpSampling).toEqual({
      sampled: true,
      basis: 'EVERY_NTH',
      everyNth: 3,
      ordinal: 3,
    });
    // Reopened and graded again: the sample stands, no new count.
    third.do(STAFF, { type: 'specialSupervision', event: 'INCOMPLETE', reason: '办理不彻底' });
    third.sampling = { caseId: UNDER_28, nextOrdinal: 4 };
    third.do(handler(LEAD), SUBMIT);
    third.do(head(LEAD), ACCEPT_RESULT);
    expect(third.do(STAFF, { type: 'grade', gradeCode: 'A' }).data.followUpSampling).toBeUndefined();
    expect(third.state.followUpSampling).toMatchObject({ sampled: true, ordinal: 3 });

    const fourth = respondedCase(rules, BUCKET_83, 4);
    fourth.do(STAFF, { type: 'grade', gradeCode: 'A' });
    expect(fourth.state.followUpSampling).toMatchObject({ sampled: false, ordinal: 4 });
    fourth.do(STAFF, { type: 'closeOut' });
  });

  it('RECORD_ONLY: an unsatisfied answer is recorded and the case closed out, not reopened', () => {
    const rules = rulesWith({ followUp: { mode: 'ALL', onUnsatisfied: 'RECORD_ONLY' } });
    const run = respondedCase(rules);
    run.do(STAFF, { type: 'grade', gradeCode: 'A' });
    run.do(STAFF, { type: 'recordFollowUp', satisfactionCode: 'UNSATISFIED' });
    expectVeto(
      run.refused(STAFF, { type: 'specialSupervision', event: 'UNSATISFIED', reason: '企业不满意' }),
      'INPUT',
      'only record',
      'event',
    );
    run.do(STAFF, { type: 'closeOut' });
    expect(run.state).toMatchObject({ status: 'CLOSED', satisfactionCode: 'UNSATISFIED' });
  });

  it('a district case answered by its bureaus decides the sample where grading is absent', () => {
    const rules = rulesWith({
      steps: { grading: 'ABSENT' } as ParkRules['steps'],
      followUp: { mode: 'PERCENT', percent: 30, onUnsatisfied: 'SPECIAL_SUPERVISION' },
    });
    const run = new CaseRun(rules);
    run.sampling = { caseId: BUCKET_83, nextOrdinal: null };
    run.do(STAFF, VERIFY);
    run.do(STAFF, screenDistrict(['DISTRICT_TAXATION']));
    run.do(EXECUTIVE, { type: 'approve', opinion: '同意发函' });
    const last = run.do(STAFF, reply('DISTRICT_TAXATION'));
    expect(last.data.followUpSampling).toMatchObject({ sampled: false, basis: 'PERCENT' });
    run.do(STAFF, { type: 'closeOut' });
  });
});

describe('admissibility of an enterprise not in the register', () => {
  const input = { categoryCode: 'OTHER', channelCode: 'HOTLINE', reportFormCode: 'PHONE' };

  it('FLAG_FOR_VERIFICATION: registered and flagged; verification confirms it or the case is rejected', () => {
    const rules = rulesWith({
      steps: { verification: 'OPTIONAL' } as ParkRules['steps'],
      admissibility: { notInRegister: 'FLAG_FOR_VERIFICATION' },
    });
    const registered = registerCase({ ...input, enterpriseInRegister: false }, contextFor(rules, STAFF));
    if (!registered.ok) throw new Error(registered.reason);
    expect(registered.next.notInRegister).toBe('FLAGGED');
    expect(registered.event.data).toMatchObject({ notInRegister: 'FLAG_FOR_VERIFICATION' });
    expect(registered.event.data).not.toHaveProperty('enterpriseInRegister');

    const run = new CaseRun(rules);
    run.state = registered.next;
    expect(allowedCommands(run.state, run.ctx(STAFF))).not.toContain('skipStep');
    expectVeto(run.refused(STAFF, SKIP('verification')), 'PRECONDITION', 'not in the register');
    expectVeto(run.refused(STAFF, VERIFY), 'INPUT', 'not in the register', 'enterpriseConfirmed');
    const verified = run.do(STAFF, { ...VERIFY, enterpriseConfirmed: true });
    expect(verified.data).toMatchObject({ enterpriseConfirmed: true });
    expect(run.state.notInRegister).toBe('CONFIRMED');

    const rejected = new CaseRun(rules);
    rejected.state = registered.next;
    rejected.do(STAFF, { type: 'reject', reason: 'NOT_IN_PARK' });
    expect(rejected.state).toMatchObject({ status: 'REJECTED', notInRegister: 'FLAGGED' });
  });

  it('ACCEPT_AND_ADD: accepted and marked as added; the register needs the credit code', () => {
    const rules = rulesWith({ admissibility: { notInRegister: 'ACCEPT_AND_ADD' } });
    const ctx = contextFor(rules, STAFF);
    const without = registerCase({ ...input, enterpriseInRegister: false }, ctx);
    expect(without).toMatchObject({ ok: false, kind: 'INPUT', field: 'enterpriseCreditCode' });
    const added = registerCase(
      { ...input, enterpriseInRegister: false, enterpriseCreditCode: '91350100M000100Y43' },
      ctx,
    );
    expect(added).toMatchObject({ ok: true, next: { notInRegister: 'ADDED', status: 'REGISTERED' } });
    // An enterprise in the register is admitted whatever the rule.
    expect(registerCase(input, ctx)).toMatchObject({ ok: true, next: { notInRegister: null } });
  });

  it('a new case carries no mark', () => {
    expect(newCaseState('OTHER')).toMatchObject({
      notInRegister: null,
      skippedSteps: [],
      followUpSampling: null,
    });
  });
});
