import {
  CASE_COMMAND_TYPES,
  isCaseCommandType,
  type CaseCommand,
  type CaseCommandOf,
  type CaseCommandType,
} from './case-commands.js';
import {
  newCaseState,
  type CaseState,
  type Decision,
  type DecisionContext,
  type Veto,
} from './case-state.js';
import { isCommandPossibleIn } from './case-transitions.js';
import { linkAtRegistration, type EnterpriseLink } from './enterprise-link.js';
import { validateCreditCode } from './credit-code.js';
import { defaultReportFormCode } from '../rules/intake-defaults.js';
import type { NotInRegisterHandling, ParkRules } from '../rules/park-rules.schema.js';
import { firstVeto, holdsGrant, SERVICE_CENTER, statusVeto, veto, type CommandHandler } from './guards.js';
import {
  addProgressNote,
  recordCoordination,
  recordReferralReply,
  reviewResult,
  startHandling,
  submitResult,
} from './handling-handlers.js';
import {
  approve,
  recordPolicyDiscussion,
  reject,
  reportToLeader,
  screen,
  sendBack,
  verify,
} from './intake-handlers.js';
import { skipStep } from './step-handlers.js';
import {
  decideExtension,
  decideObjection,
  objectToAssignment,
  requestExtension,
} from './assignment-handlers.js';
import { handOverToOffice } from './handover-handlers.js';
import { reportPart } from './assignment-tiers.js';
import {
  closeOut,
  escalate,
  grade,
  recordFollowUp,
  specialSupervision,
  superviseOverdue,
} from './outcome-handlers.js';

export type {
  ActorRole,
  CaseEvent,
  CaseState,
  ContextDepartment,
  DeadlineFact,
  Decision,
  DecisionContext,
  Veto,
  VetoKind,
} from './case-state.js';
export type { FollowUpSampling, NotInRegisterMark, SamplingFacts } from './case-state.js';
export type { CaseCommand, CaseCommandOf, CaseCommandType } from './case-commands.js';

const HANDLERS: { [T in CaseCommandType]: CommandHandler<CaseCommandOf<T>> } = {
  verify,
  reject,
  recordPolicyDiscussion,
  reportToLeader,
  screen,
  approve,
  sendBack,
  startHandling,
  submitResult,
  reviewResult,
  recordReferralReply,
  grade,
  recordFollowUp,
  closeOut,
  specialSupervision,
  superviseOverdue,
  recordCoordination,
  addProgressNote,
  escalate,
  requestExtension,
  decideExtension,
  objectToAssignment,
  decideObjection,
  skipStep,
  handOverToOffice,
  reportPart,
};

/** Status, then actor and preconditions, without the input: what allowedCommands also asks. */
function permit(state: CaseState, type: CaseCommandType, ctx: DecisionContext): Veto | null {
  if (!isCommandPossibleIn(type, state.status)) return statusVeto(state, type);
  return (HANDLERS[type] as CommandHandler<CaseCommand>).permit(state, ctx);
}

/**
 * Decides one command on a case: a veto with its reason (and field, for input problems), or the
 * next state (version + 1) and the event to append. Pure: the state is never modified.
 */
export function decide(state: CaseState, command: CaseCommand, ctx: DecisionContext): Decision {
  if (!isCaseCommandType(command?.type)) {
    return veto('INPUT', 'unknown command', '未知操作', 'type');
  }
  return (
    permit(state, command.type, ctx) ??
    (HANDLERS[command.type] as CommandHandler<CaseCommand>).run(state, command, ctx)
  );
}

/** The command types this actor may give on this case now (the console shows only these). */
export function allowedCommands(state: CaseState, ctx: DecisionContext): CaseCommandType[] {
  return CASE_COMMAND_TYPES.filter((type) => permit(state, type, ctx) === null);
}

/** What registration (Art. 6, Attachment 2) needs to check against the park's rules. */
export interface CaseRegistration {
  categoryCode: string;
  channelCode: string;
  /** Omitted: the form the channel implies (defaultReportFormCode); required where it implies none. */
  reportFormCode?: string | null;
  enterpriseCreditCode?: string | null;
  /** 希望协调解决事项的部门: any active department or bureau. */
  hopedDepartmentIds?: string[];
  /** Art. 2: the enterprise is in the park's register and operating there (default: it is). */
  enterpriseInRegister?: boolean;
  /** The enterprise's linked department and cadre now (挂钩联系); the case keeps them. */
  enterpriseLink?: EnterpriseLink | null;
}

/**
 * Art. 2: what registration does with the case's enterprise: admit it (in the register), or what
 * the park's rules say for one that is not (reject, flag for verification, accept and add).
 */
export function admissionOf(
  rules: Pick<ParkRules, 'admissibility'>,
  enterpriseInRegister: boolean,
): 'ADMIT' | NotInRegisterHandling {
  return enterpriseInRegister ? 'ADMIT' : rules.admissibility.notInRegister;
}

const NOT_IN_REGISTER_MARK: Record<NotInRegisterHandling, CaseState['notInRegister']> = {
  REJECT: null,
  FLAG_FOR_VERIFICATION: 'FLAGGED',
  ACCEPT_AND_ADD: 'ADDED',
};

const activeCode = (list: readonly { code: string; active: boolean }[], code: unknown): boolean =>
  list.some((item) => item.code === code && item.active);

/**
 * Registers a case (service center staff): the new state at version 1 and its CaseRegistered event.
 * An enterprise not in the register is marked as the rules say; one to REJECT is then rejected by
 * the caller with NOT_IN_PARK, and one to ACCEPT_AND_ADD added to the register by the caller.
 */
export function registerCase(input: CaseRegistration, ctx: DecisionContext): Decision {
  const admission = admissionOf(ctx.rules, input.enterpriseInRegister ?? true);
  const blank: CaseState = {
    ...newCaseState(input.categoryCode),
    notInRegister: admission === 'ADMIT' ? null : NOT_IN_REGISTER_MARK[admission],
    ...linkAtRegistration(input.enterpriseLink),
  };
  const hoped = input.hopedDepartmentIds ?? [];
  const reportFormCode = input.reportFormCode ?? defaultReportFormCode(ctx.rules, input.channelCode);
  const problem = firstVeto(
    () =>
      holdsGrant(blank, ctx, SERVICE_CENTER)
        ? null
        : veto(
            'PERMISSION',
            'Register: only the service center staff may do this',
            '仅企业服务中心工作人员可以登记',
          ),
    () =>
      activeCode(ctx.rules.categories, input.categoryCode)
        ? null
        : veto(
            'INPUT',
            'must be an active category of the park rules',
            '应为园区规则中启用的问题类别',
            'categoryCode',
          ),
    () =>
      activeCode(ctx.rules.intakeChannels, input.channelCode)
        ? null
        : veto(
            'INPUT',
            'must be an active intake channel of the park rules',
            '应为园区规则中启用的反映渠道',
            'channelCode',
          ),
    () =>
      activeCode(ctx.rules.reportForms, reportFormCode)
        ? null
        : veto(
            'INPUT',
            'must be an active report form of the park rules',
            '应为园区规则中启用的反映形式',
            'reportFormCode',
          ),
    () => {
      if (input.enterpriseCreditCode === undefined || input.enterpriseCreditCode === null) return null;
      const check = validateCreditCode(input.enterpriseCreditCode);
      return check.ok ? null : veto('INPUT', check.message, check.messageZh, 'enterpriseCreditCode');
    },
    () => {
      const i = hoped.findIndex((id) => !ctx.departments.some((d) => d.id === id && d.active));
      return i < 0
        ? null
        : veto('INPUT', 'unknown or inactive department', '部门不存在或已停用', `hopedDepartmentIds[${i}]`);
    },
    // The register is kept by credit code: an enterprise is added with one.
    () =>
      admission === 'ACCEPT_AND_ADD' && !input.enterpriseCreditCode
        ? veto(
            'INPUT',
            "required to add the enterprise to the park's register",
            '将企业加入园区企业名录须填写统一社会信用代码',
            'enterpriseCreditCode',
          )
        : null,
  );
  if (problem) return problem;
  const { enterpriseInRegister: _inRegister, ...registered } = input;
  return {
    ok: true,
    next: blank,
    event: {
      type: 'CaseRegistered',
      data: {
        ...registered,
        reportFormCode,
        hopedDepartmentIds: hoped,
        ...(admission === 'ADMIT' ? {} : { notInRegister: admission }),
        to: blank.status,
      },
    },
  };
}
