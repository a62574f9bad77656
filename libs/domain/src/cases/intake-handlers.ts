import { DEPARTMENT_ROLES } from '../auth/roles.js';
import { NoApprovalRouteError } from '../rules/errors.js';
import { JURISDICTIONS, type ParkRules } from '../rules/park-rules.schema.js';
import { ccOfficesFor, matchApprovalRoute, type ApprovalRouteMatch } from '../rules/route-matching.js';
import { chainAfterSignOff, chainOf, handOver } from './approval-chain.js';
import { resolveDepartmentTiers } from './assignment-tiers.js';
import { linkFacts } from './enterprise-link.js';
import { BUILT_IN_REJECTION_REASONS, type CaseCommandOf, type CaseCommandType } from './case-commands.js';
import { unscreened, type CaseState, type DecisionContext, type Veto } from './case-state.js';
import { isPassedOver, verificationPassedOver } from './procedure-steps.js';
import {
  accept,
  checkDepartmentList,
  firstVeto,
  leadAndCooperatingProblem,
  optionalText,
  requireBoolean,
  requireGrant,
  requireText,
  SERVICE_CENTER,
  stepOpen,
  veto,
  type CommandHandler,
} from './guards.js';

/** Art. 6 and 7: verification, screening, approval. */

const serviceCenter = (type: CaseCommandType) => (state: CaseState, ctx: DecisionContext) =>
  requireGrant(state, ctx, type, SERVICE_CENTER);

/**
 * Exactly the role of the chain's current sign-off (Art. 7); a department role signs for the lead
 * department (its head's 审核), not for any department of the park.
 */
const routeApprover = (type: CaseCommandType) => (state: CaseState, ctx: DecisionContext) =>
  state.approverRole === null
    ? veto('PRECONDITION', 'The case has no approval route', '案件尚未确定审批流程')
    : requireGrant(state, ctx, type, [
        DEPARTMENT_ROLES.includes(state.approverRole)
          ? { role: state.approverRole, scope: 'LEAD' }
          : { role: state.approverRole },
      ]);

export function isRejectionReason(rules: Pick<ParkRules, 'inadmissibleMatters'>, reason: unknown): boolean {
  return (
    typeof reason === 'string' &&
    (Object.hasOwn(BUILT_IN_REJECTION_REASONS, reason) ||
      rules.inadmissibleMatters.some((m) => m.code === reason))
  );
}

export const verify: CommandHandler<CaseCommandOf<'verify'>> = {
  permit: (state, ctx) => serviceCenter('verify')(state, ctx) ?? stepOpen(state, ctx, 'verification'),
  run(state, command) {
    const flagged = state.notInRegister === 'FLAGGED';
    const problem = firstVeto(
      () => requireText(command.notes, 'notes', 'What was verified with the enterprise', '核实情况'),
      // Art. 2: a case flagged as not in the register goes on only if verification finds it is.
      () =>
        flagged && command.enterpriseConfirmed !== true
          ? veto(
              'INPUT',
              'The enterprise is not in the register: confirm it is registered and operating in the park, or reject the case as not in the park',
              '企业不在园区企业名录中：请确认其在园区注册并在区内生产经营，否则以非园区企业不予受理',
              'enterpriseConfirmed',
            )
          : null,
    );
    if (problem) return problem;
    return accept(
      state,
      'verify',
      { status: 'VERIFIED', ...(flagged ? { notInRegister: 'CONFIRMED' as const } : {}) },
      { notes: command.notes, ...(flagged ? { enterpriseConfirmed: true } : {}) },
    );
  },
};

export const reject: CommandHandler<CaseCommandOf<'reject'>> = {
  permit: serviceCenter('reject'),
  run: (state, command, ctx) =>
    firstVeto(
      () =>
        isRejectionReason(ctx.rules, command.reason)
          ? null
          : veto(
              'INPUT',
              'must be an inadmissible matter of the park rules or NOT_IN_PARK',
              '应为园区规则中的不予受理事项或非园区企业',
              'reason',
            ),
      () => optionalText(command.note, 'note'),
    ) ??
    accept(
      state,
      'reject',
      { status: 'REJECTED', rejectionReason: command.reason },
      { reason: command.reason, note: command.note ?? '' },
    ),
};

export const recordPolicyDiscussion: CommandHandler<CaseCommandOf<'recordPolicyDiscussion'>> = {
  permit: serviceCenter('recordPolicyDiscussion'),
  run: (state, command) =>
    requireText(command.minutes, 'minutes', 'The minutes of the discussion', '讨论纪要') ??
    accept(state, 'recordPolicyDiscussion', { policyDiscussionRecorded: true }, { minutes: command.minutes }),
};

export const reportToLeader: CommandHandler<CaseCommandOf<'reportToLeader'>> = {
  permit: serviceCenter('reportToLeader'),
  run: (state, command) =>
    requireText(command.summary, 'summary', 'What was reported', '汇报内容') ??
    accept(state, 'reportToLeader', { reportedToLeader: true }, { summary: command.summary }),
};

type ScreenCommand = CaseCommandOf<'screen'>;

function parkDepartmentsProblem(ctx: DecisionContext, command: ScreenCommand): Veto | null {
  const lead = command.leadDepartmentId ?? null;
  const cooperating = command.cooperatingDepartmentIds ?? [];
  return firstVeto(
    () =>
      leadAndCooperatingProblem(ctx, lead, cooperating, {
        en: 'A park matter needs a lead department',
        zh: '园区职能事项须确定牵头办理部室',
      }),
    () => checkDepartmentList(ctx, command.referredDepartmentIds ?? [], 'DISTRICT', 'referredDepartmentIds'),
  );
}

function districtDepartmentsProblem(ctx: DecisionContext, command: ScreenCommand): Veto | null {
  const referred = command.referredDepartmentIds ?? [];
  return firstVeto(
    () =>
      (command.leadDepartmentId ?? null) !== null
        ? veto(
            'INPUT',
            'A district matter is referred by letter and has no park lead department',
            '区级部门职能事项以函件转办，不设牵头部室',
            'leadDepartmentId',
          )
        : null,
    () =>
      (command.cooperatingDepartmentIds ?? []).length > 0
        ? veto(
            'INPUT',
            'A district matter is referred by letter and has no cooperating park departments',
            '区级部门职能事项以函件转办，不设配合部室',
            'cooperatingDepartmentIds',
          )
        : null,
    () => checkDepartmentList(ctx, referred, 'DISTRICT', 'referredDepartmentIds'),
    () =>
      referred.length === 0
        ? veto(
            'INPUT',
            'Name at least one district bureau',
            '请至少选择一个区级部门',
            'referredDepartmentIds',
          )
        : null,
  );
}

/** A PARK route that writes to district bureaus needs addressees; one that does not must have none. */
function letterProblem(command: ScreenCommand, match: ApprovalRouteMatch): Veto | null {
  if (command.jurisdiction !== 'PARK') return null;
  const referred = command.referredDepartmentIds ?? [];
  const { code, sendsReferralLetter } = match.route;
  if (sendsReferralLetter && referred.length === 0) {
    return veto(
      'INPUT',
      `Route ${code} sends a referral letter: name the district bureaus to write to`,
      `审批流程${code}需发函，请选择发函的区级部门`,
      'referredDepartmentIds',
    );
  }
  if (!sendsReferralLetter && referred.length > 0) {
    return veto(
      'INPUT',
      `Route ${code} sends no referral letter: district bureaus cannot be named`,
      `审批流程${code}不发函，不能选择区级部门`,
      'referredDepartmentIds',
    );
  }
  return null;
}

/** The park's own flags (`caseFlags`), each once. */
function flagsProblem(ctx: DecisionContext, flagCodes: unknown): Veto | null {
  if (flagCodes === undefined) return null;
  if (!Array.isArray(flagCodes)) return veto('INPUT', 'must be a list of flags', '应为标记列表', 'flagCodes');
  for (const [i, code] of flagCodes.entries()) {
    if (flagCodes.indexOf(code) !== i) return veto('INPUT', 'is listed twice', '重复', `flagCodes[${i}]`);
    if (!ctx.rules.caseFlags.some((flag) => flag.code === code)) {
      return veto(
        'INPUT',
        'must be a case flag of the park rules',
        '应为园区规则中的案件标记',
        `flagCodes[${i}]`,
      );
    }
  }
  return null;
}

function matchRoute(
  state: CaseState,
  command: ScreenCommand,
  ctx: DecisionContext,
): ApprovalRouteMatch | Veto {
  const departmentCount =
    command.jurisdiction === 'PARK'
      ? 1 + (command.cooperatingDepartmentIds ?? []).length
      : (command.referredDepartmentIds ?? []).length;
  try {
    return matchApprovalRoute(ctx.rules, {
      jurisdiction: command.jurisdiction,
      departmentCount,
      major: command.major,
      policyHeavy: command.policyHeavy,
      categoryCode: state.categoryCode,
      flagCodes: command.flagCodes ?? [],
      ...linkFacts(state, command.jurisdiction === 'PARK' ? (command.leadDepartmentId ?? null) : null),
    });
  } catch (error) {
    if (!(error instanceof NoApprovalRouteError)) throw error;
    return veto(
      'PRECONDITION',
      'No approval route of the park rules fits this case',
      '园区规则中没有适用于本案件的审批流程',
    );
  }
}

/** Art. 6: a registered case is verified before it is screened, unless the rules say otherwise. */
function screenable(state: CaseState, ctx: DecisionContext): Veto | null {
  if (state.status !== 'REGISTERED' || verificationPassedOver(state, ctx.rules)) return null;
  return veto('PRECONDITION', 'Verify the case first', '请先核实');
}

export const screen: CommandHandler<ScreenCommand> = {
  permit: (state, ctx) => serviceCenter('screen')(state, ctx) ?? screenable(state, ctx),
  run(state, command, ctx) {
    const problem = firstVeto(
      () =>
        (JURISDICTIONS as readonly unknown[]).includes(command.jurisdiction)
          ? null
          : veto('INPUT', 'must be PARK or DISTRICT', '应为园区或区级', 'jurisdiction'),
      () => requireBoolean(command.major, 'major'),
      () => requireBoolean(command.policyHeavy, 'policyHeavy'),
      () => requireText(command.opinion, 'opinion', 'The screening opinion', '甄别意见'),
      // Art. 6: policy-heavy matters are discussed before they are routed.
      () =>
        command.policyHeavy && !state.policyDiscussionRecorded
          ? veto(
              'PRECONDITION',
              'A policy-heavy case must be discussed first: record the policy discussion',
              '政策性较强的问题应先组织讨论，请先记录政策讨论',
              'policyHeavy',
            )
          : null,
      () =>
        command.jurisdiction === 'PARK'
          ? parkDepartmentsProblem(ctx, command)
          : districtDepartmentsProblem(ctx, command),
      () => flagsProblem(ctx, command.flagCodes),
    );
    if (problem) return problem;
    const match = matchRoute(state, command, ctx);
    if ('ok' in match) return match;
    const letterVeto = letterProblem(command, match);
    if (letterVeto) return letterVeto;

    const { route } = match;
    const park = command.jurisdiction === 'PARK';
    const cooperating = park ? [...(command.cooperatingDepartmentIds ?? [])] : [];
    const resolved = resolveDepartmentTiers(ctx, cooperating, command.departmentTiers);
    if (!resolved.ok) return resolved;
    // District bureaus are reached by letter only (GLOSSARY), whatever the route says.
    const sendsReferralLetter = route.sendsReferralLetter || !park;
    const ccOfficeCodes = sendsReferralLetter
      ? ccOfficesFor(ctx.rules, { major: command.major, route }).map((o) => o.code)
      : [];
    const routing = {
      jurisdiction: command.jurisdiction,
      major: command.major,
      policyHeavy: command.policyHeavy,
      leadDepartmentId: park ? (command.leadDepartmentId ?? null) : null,
      cooperatingDepartmentIds: cooperating,
      departmentTiers: resolved.tiers,
      partsReported: [],
      referredDepartmentIds: [...(command.referredDepartmentIds ?? [])],
      routeCode: route.code,
      sendsReferralLetter,
      ccOfficeCodes,
      flagCodes: [...(command.flagCodes ?? [])],
      ...chainOf(route),
    };
    const screened = { ...routing, repliesRecorded: [] };
    const data = { ...routing, opinion: command.opinion, skippedRoutes: match.skipped };
    if (routing.approvalSteps.length > 0)
      return accept(state, 'screen', { ...screened, status: 'PENDING_APPROVAL' }, data);
    // A route with no sign-off: the office assigns (or writes) directly.
    const { status, issues } = handOver({ ...state, ...screened });
    return accept(state, 'screen', { ...screened, status }, { ...data, ...issues });
  },
};

/** One sign-off of the chain; the last one hands the case over. */
export const approve: CommandHandler<CaseCommandOf<'approve'>> = {
  permit: routeApprover('approve'),
  run(state, command) {
    const problem = optionalText(command.opinion, 'opinion');
    if (problem) return problem;
    const signOff = {
      opinion: command.opinion ?? '',
      routeCode: state.routeCode,
      approverRole: state.approverRole,
      stepIndex: state.approvalStepIndex,
      stepCount: state.approvalSteps.length,
    };
    const { complete, approvalStepIndex, approverRole } = chainAfterSignOff(state);
    if (!complete) return accept(state, 'approve', { approvalStepIndex, approverRole }, signOff);
    const { status, issues } = handOver(state);
    return accept(state, 'approve', { status, approvalStepIndex }, { ...signOff, ...issues });
  },
};

/** From any step, by that step's role: back to VERIFIED with the chain cleared (screening starts it again). */
export const sendBack: CommandHandler<CaseCommandOf<'sendBack'>> = {
  permit: routeApprover('sendBack'),
  run: (state, command, ctx) =>
    requireText(command.reason, 'reason', 'The reason for sending the case back', '退回理由') ??
    accept(
      state,
      'sendBack',
      // Back to where it was screened from: registered where verification is absent or was skipped.
      { ...unscreened(), status: isPassedOver(state, ctx.rules, 'verification') ? 'REGISTERED' : 'VERIFIED' },
      {
        reason: command.reason,
        routeCode: state.routeCode,
        approverRole: state.approverRole,
        stepIndex: state.approvalStepIndex,
      },
    ),
};

/** The reasons a case may be rejected for under these rules, for the console's choice list. */
export function rejectionReasons(
  rules: Pick<ParkRules, 'inadmissibleMatters'>,
): { code: string; labelZh: string; labelEn: string }[] {
  return [
    ...rules.inadmissibleMatters.map(({ code, labelZh, labelEn }) => ({ code, labelZh, labelEn })),
    ...Object.entries(BUILT_IN_REJECTION_REASONS).map(([code, l]) => ({
      code,
      labelZh: l.zh,
      labelEn: l.en,
    })),
  ];
}
