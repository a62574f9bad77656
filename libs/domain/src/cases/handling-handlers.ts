import { COORDINATION_KINDS, type CaseCommandOf } from './case-commands.js';
import type { CaseState, DecisionContext, Veto } from './case-state.js';
import { splitPartsOutstanding } from './assignment-tiers.js';
import { responded, stepMode } from './procedure-steps.js';
import {
  accept,
  firstVeto,
  requireBoolean,
  requireGrant,
  requirePastDate,
  requireText,
  SERVICE_CENTER,
  veto,
  type CommandHandler,
  type Grant,
} from './guards.js';

/** Art. 8 and 9: departments handle, heads review, bureaus reply, everyone coordinates. */

export const LEAD_DEPARTMENT: readonly Grant[] = [
  { role: 'DEPARTMENT_HANDLER', scope: 'LEAD' },
  { role: 'DEPARTMENT_HEAD', scope: 'LEAD' },
];

export const startHandling: CommandHandler<CaseCommandOf<'startHandling'>> = {
  permit: (state, ctx) => requireGrant(state, ctx, 'startHandling', LEAD_DEPARTMENT),
  run: (state) =>
    accept(state, 'startHandling', { status: 'IN_PROGRESS' }, { departmentId: state.leadDepartmentId }),
};

export const submitResult: CommandHandler<CaseCommandOf<'submitResult'>> = {
  permit: (state, ctx) =>
    requireGrant(state, ctx, 'submitResult', LEAD_DEPARTMENT) ??
    // Who handles it and by when are settled first.
    (state.pendingObjection
      ? veto(
          'PRECONDITION',
          'The objection to the assignment awaits a decision',
          '交办异议尚待处理，暂不能报送办理结果',
        )
      : state.pendingExtension
        ? veto('PRECONDITION', 'The extension awaits a decision', '延期申请尚待审批，暂不能报送办理结果')
        : splitPartsProblem(state, ctx)),
  run(state, command, ctx) {
    const problem = firstVeto(
      () =>
        requireText(
          command.replyToEnterprise,
          'replyToEnterprise',
          'The reply to the enterprise',
          '答复企业情况',
        ),
      () => requireText(command.result, 'result', 'The handling result', '办理结果'),
    );
    if (problem) return problem;
    const reply = { replyToEnterprise: command.replyToEnterprise, result: command.result };
    // Without a head review in the rules, the result goes straight to the service center.
    if (stepMode(ctx.rules, 'headReview') !== 'ABSENT')
      return accept(state, 'submitResult', { status: 'RESULT_SUBMITTED' }, reply);
    const answered = responded(state, ctx.rules, ctx.sampling);
    return accept(state, 'submitResult', answered.patch, {
      ...reply,
      headReview: 'ABSENT',
      ...answered.data,
    });
  },
};

/** The lead's result completes the case's handling: each split department has answered its part first. */
function splitPartsProblem(state: CaseState, ctx: DecisionContext): Veto | null {
  const outstanding = splitPartsOutstanding(state, ctx.rules);
  if (outstanding.length === 0) return null;
  const names = outstanding.map((id) => ctx.departments.find((d) => d.id === id)?.code ?? id).join(', ');
  return veto(
    'PRECONDITION',
    `The split departments have not all answered their part yet: ${names}`,
    `分办部室尚未全部报送承办情况：${names}`,
  );
}

/** Art. 9: the result goes to the leading group office only after the department head reviewed it. */
export const reviewResult: CommandHandler<CaseCommandOf<'reviewResult'>> = {
  permit: (state, ctx) =>
    requireGrant(state, ctx, 'reviewResult', [{ role: 'DEPARTMENT_HEAD', scope: 'LEAD' }]) ??
    (stepMode(ctx.rules, 'headReview') === 'ABSENT'
      ? veto(
          'PRECONDITION',
          "The park rules have no department head's review",
          '园区规则未设部室负责人审核环节',
        )
      : null),
  run(state, command, ctx) {
    const problem = firstVeto(
      () => requireBoolean(command.approved, 'approved'),
      () =>
        command.approved
          ? null
          : requireText(command.comment, 'comment', 'Why the result is returned', '退回意见'),
    );
    if (problem) return problem;
    const review = { approved: command.approved, comment: command.comment ?? '' };
    if (!command.approved) return accept(state, 'reviewResult', { status: 'IN_PROGRESS' }, review);
    const answered = responded(state, ctx.rules, ctx.sampling);
    return accept(state, 'reviewResult', answered.patch, { ...review, ...answered.data });
  },
};

function pendingBureaus(state: CaseState): string[] {
  return state.referredDepartmentIds.filter((id) => !state.repliesRecorded.includes(id));
}

/** Attachment 4: the bureau's handling, responsible person and contact, recorded by the service center. */
export const recordReferralReply: CommandHandler<CaseCommandOf<'recordReferralReply'>> = {
  permit: (state, ctx) =>
    requireGrant(state, ctx, 'recordReferralReply', SERVICE_CENTER) ??
    (pendingBureaus(state).length === 0
      ? veto('PRECONDITION', 'No referred bureau is awaiting a reply', '没有待回复的区级部门')
      : null),
  run(state, command, ctx) {
    const problem = firstVeto(
      () =>
        state.referredDepartmentIds.includes(command.departmentId)
          ? null
          : veto(
              'INPUT',
              'No letter was sent to this bureau for the case',
              '未就本案件向该部门发函',
              'departmentId',
            ),
      () =>
        state.repliesRecorded.includes(command.departmentId)
          ? veto('INPUT', "This bureau's reply is already recorded", '该部门的回复已登记', 'departmentId')
          : null,
      () => requirePastDate(command.repliedOn, 'repliedOn', ctx.today),
      () =>
        requireText(command.responsiblePerson, 'responsiblePerson', 'The responsible person', '相关负责人'),
      () => requireText(command.contact, 'contact', 'The contact', '联系方式'),
      () => requireText(command.content, 'content', 'The reply', '化解情况'),
    );
    if (problem) return problem;
    const repliesRecorded = [...state.repliesRecorded, command.departmentId];
    const allReplied = state.referredDepartmentIds.every((id) => repliesRecorded.includes(id));
    const { type: _type, ...reply } = command;
    // A district case is answered when its last bureau replies.
    const answered =
      state.status === 'REFERRED' && allReplied
        ? responded(state, ctx.rules, ctx.sampling)
        : { patch: {}, data: {} };
    return accept(
      state,
      'recordReferralReply',
      { repliesRecorded, ...answered.patch },
      { ...reply, allReplied, ...answered.data },
    );
  },
};

/** Art. 8: leaders and department heads visit bureaus; the committee convenes meetings. */
const COORDINATORS: readonly Grant[] = [
  { role: 'SERVICE_CENTER_STAFF' },
  { role: 'LEADER_IN_CHARGE' },
  { role: 'EXECUTIVE_DEPUTY_DIRECTOR' },
  { role: 'DEPARTMENT_HEAD', scope: 'INVOLVED' },
];

export const recordCoordination: CommandHandler<CaseCommandOf<'recordCoordination'>> = {
  permit: (state, ctx) => requireGrant(state, ctx, 'recordCoordination', COORDINATORS),
  run(state, command, ctx) {
    const problem = firstVeto(
      () =>
        (COORDINATION_KINDS as readonly unknown[]).includes(command.kind)
          ? null
          : veto('INPUT', 'must be VISIT or MEETING', '应为上门对接或协调推进会', 'kind'),
      () => requirePastDate(command.heldOn, 'heldOn', ctx.today),
      () =>
        Array.isArray(command.participants) && command.participants.every((p) => typeof p === 'string')
          ? null
          : veto('INPUT', 'must be a list of names', '应为参加人员名单', 'participants'),
      () => requireText(command.minutes, 'minutes', 'The minutes', '协调情况'),
    );
    if (problem) return problem;
    const { type: _type, ...record } = command;
    return accept(state, 'recordCoordination', {}, record);
  },
};

const NOTE_WRITERS: readonly Grant[] = [
  { role: 'SERVICE_CENTER_STAFF' },
  { role: 'DEPARTMENT_HANDLER', scope: 'INVOLVED' },
  { role: 'DEPARTMENT_HEAD', scope: 'INVOLVED' },
];

export const addProgressNote: CommandHandler<CaseCommandOf<'addProgressNote'>> = {
  permit: (state, ctx) => requireGrant(state, ctx, 'addProgressNote', NOTE_WRITERS),
  run: (state, command) =>
    requireText(command.note, 'note', 'The note', '进展情况') ??
    accept(state, 'addProgressNote', {}, { note: command.note }),
};
