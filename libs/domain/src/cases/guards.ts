import { ROLE_LABELS, type ParkRole } from '../auth/roles.js';
import { isIsoDate } from '../calendar/iso-date.js';
import type { DepartmentKind, ProcedureStep } from '../rules/park-rules.schema.js';
import { CASE_COMMAND_LABELS, CASE_EVENT_TYPES, type CaseCommandType } from './case-commands.js';
import { CASE_STATUS_LABELS } from './case-status.js';
import { isSkipped, stepMode } from './procedure-steps.js';
import type {
  CaseState,
  ContextDepartment,
  Decision,
  DecisionContext,
  Veto,
  VetoKind,
} from './case-state.js';

/** Small building blocks shared by the command handlers: vetoes, role checks, input checks. */

export function veto(kind: VetoKind, reason: string, reasonZh: string, field?: string): Veto {
  return field === undefined
    ? { ok: false, kind, reason, reasonZh }
    : { ok: false, kind, reason, reasonZh, field };
}

/** The accepted outcome: the patched state, one version up, and its event. */
export function accept(
  state: CaseState,
  type: CaseCommandType,
  patch: Partial<CaseState>,
  data: Record<string, unknown>,
): Decision {
  const next: CaseState = { ...state, ...patch, version: state.version + 1 };
  return {
    ok: true,
    next,
    event: { type: CASE_EVENT_TYPES[type], data: { ...data, from: state.status, to: next.status } },
  };
}

export function statusVeto(state: CaseState, type: CaseCommandType): Veto {
  const status = CASE_STATUS_LABELS[state.status];
  const act = CASE_COMMAND_LABELS[type];
  return veto(
    'STATUS',
    `${act.en} is not possible while the case is ${status.en.toLowerCase()}`,
    `案件当前为“${status.zh}”，不能${act.zh}`,
  );
}

/** A role, optionally limited to the departments of the case. */
export interface Grant {
  role: ParkRole;
  /** LEAD: the lead department; INVOLVED: the lead or a cooperating department. */
  scope?: 'LEAD' | 'INVOLVED';
}

export const SERVICE_CENTER: readonly Grant[] = [{ role: 'SERVICE_CENTER_STAFF' }];

function grantDepartments(state: CaseState, scope: Grant['scope']): string[] {
  const lead = state.leadDepartmentId === null ? [] : [state.leadDepartmentId];
  return scope === 'LEAD' ? lead : [...lead, ...state.cooperatingDepartmentIds];
}

export function holdsGrant(state: CaseState, ctx: DecisionContext, grants: readonly Grant[]): boolean {
  return ctx.actor.roles.some((held) =>
    grants.some(
      (grant) =>
        grant.role === held.role &&
        (grant.scope === undefined ||
          (held.departmentId !== null && grantDepartments(state, grant.scope).includes(held.departmentId))),
    ),
  );
}

export function requireGrant(
  state: CaseState,
  ctx: DecisionContext,
  type: CaseCommandType,
  grants: readonly Grant[],
): Veto | null {
  if (holdsGrant(state, ctx, grants)) return null;
  const scopeEn = { LEAD: ' of the lead department', INVOLVED: ' of a department handling the case' };
  const scopeZh = { LEAD: '牵头部室的', INVOLVED: '承办部室的' };
  const en = grants.map((g) => `${ROLE_LABELS[g.role].en.toLowerCase()}${g.scope ? scopeEn[g.scope] : ''}`);
  const zh = grants.map((g) => `${g.scope ? scopeZh[g.scope] : ''}${ROLE_LABELS[g.role].zh}`);
  const act = CASE_COMMAND_LABELS[type];
  return veto(
    'PERMISSION',
    `${act.en}: only the ${en.join(' or the ')} may do this`,
    `仅${zh.join('或')}可以${act.zh}`,
  );
}

/** A required free text (opinion, minutes, reply…). */
export function requireText(value: unknown, field: string, en: string, zh: string): Veto | null {
  return typeof value === 'string' && value.trim() !== ''
    ? null
    : veto('INPUT', `${en} is required`, `请填写${zh}`, field);
}

/** An optional free text: absent or a string. */
export function optionalText(value: unknown, field: string): Veto | null {
  return value === undefined || value === null || typeof value === 'string'
    ? null
    : veto('INPUT', 'must be text', '应为文本', field);
}

export function requireBoolean(value: unknown, field: string): Veto | null {
  return typeof value === 'boolean' ? null : veto('INPUT', 'must be true or false', '应为是或否', field);
}

/** A date of something that already happened (a reply, a meeting): not after today. */
export function requirePastDate(value: unknown, field: string, today: string): Veto | null {
  if (!isIsoDate(value)) return veto('INPUT', 'must be a date YYYY-MM-DD', '应为日期（YYYY-MM-DD）', field);
  return value > today
    ? veto('INPUT', `cannot be after today (${today})`, `不能晚于今天（${today}）`, field)
    : null;
}

/** The first of several checks that vetoes. */
export function firstVeto(...checks: (() => Veto | null)[]): Veto | null {
  for (const check of checks) {
    const result = check();
    if (result) return result;
  }
  return null;
}

const KIND_ZH: Record<DepartmentKind, string> = { PARK: '园区部室', DISTRICT: '区级部门' };
const KIND_EN: Record<DepartmentKind, string> = { PARK: 'park department', DISTRICT: 'district bureau' };

/** One department: known, of the expected kind, active. */
export function checkDepartment(
  ctx: DecisionContext,
  id: unknown,
  kind: DepartmentKind,
  field: string,
): Veto | null {
  const department: ContextDepartment | undefined =
    typeof id === 'string' ? ctx.departments.find((d) => d.id === id) : undefined;
  if (!department) return veto('INPUT', 'unknown department', '部门不存在', field);
  if (department.kind !== kind) {
    return veto(
      'INPUT',
      `${department.code} is a ${KIND_EN[department.kind]}, not a ${KIND_EN[kind]}`,
      `${department.code}是${KIND_ZH[department.kind]}，不是${KIND_ZH[kind]}`,
      field,
    );
  }
  if (!department.active) {
    return veto('INPUT', `${department.code} is no longer active`, `${department.code}已停用`, field);
  }
  return null;
}

/** A list of departments: an array, no repeats, each one valid. */
export function checkDepartmentList(
  ctx: DecisionContext,
  ids: unknown,
  kind: DepartmentKind,
  field: string,
): Veto | null {
  if (!Array.isArray(ids)) return veto('INPUT', 'must be a list of departments', '应为部门列表', field);
  for (const [i, id] of ids.entries()) {
    if (ids.indexOf(id) !== i) return veto('INPUT', 'is listed twice', '重复', `${field}[${i}]`);
    const problem = checkDepartment(ctx, id, kind, `${field}[${i}]`);
    if (problem) return problem;
  }
  return null;
}

/**
 * One command's rules. `permit` looks only at the state and the actor (so the console can list
 * the acts open to a user); `run` also checks the input and builds the outcome.
 */
export interface CommandHandler<C> {
  permit(state: CaseState, ctx: DecisionContext): Veto | null;
  run(state: CaseState, command: C, ctx: DecisionContext): Decision;
}

/**
 * A park matter's departments: a lead (required, `leadMessage` saying why) that is an active park
 * department, and cooperating ones that are too, without the lead among them.
 */
export function leadAndCooperatingProblem(
  ctx: DecisionContext,
  lead: string | null,
  cooperating: readonly string[],
  leadMessage: { en: string; zh: string },
): Veto | null {
  return firstVeto(
    () =>
      lead === null
        ? veto('INPUT', leadMessage.en, leadMessage.zh, 'leadDepartmentId')
        : checkDepartment(ctx, lead, 'PARK', 'leadDepartmentId'),
    () => checkDepartmentList(ctx, cooperating, 'PARK', 'cooperatingDepartmentIds'),
    () => {
      const i = cooperating.indexOf(lead as string);
      return i < 0
        ? null
        : veto(
            'INPUT',
            'The lead department cannot also be a cooperating department',
            '牵头部室不能同时为配合部室',
            `cooperatingDepartmentIds[${i}]`,
          );
    },
  );
}

type Bilingual = { en: string; zh: string };

/** Why the act of a step is refused: the park's rules leave the step out, or this case skipped it. */
const STEP_CLOSED = {
  verification: {
    absent: { en: 'The park rules have no verification step', zh: '园区规则未设核实环节' },
    skipped: { en: 'Verification was skipped on this case', zh: '本案件已跳过核实' },
  },
  grading: {
    absent: { en: 'The park rules have no grading', zh: '园区规则未设标注类别环节' },
    skipped: { en: 'Grading was skipped on this case', zh: '本案件已跳过标注类别' },
  },
} satisfies Partial<Record<ProcedureStep, { absent: Bilingual; skipped: Bilingual }>>;

/** `step` is one of these rules and was not skipped on this case; else a PRECONDITION veto saying which. */
export function stepOpen(
  state: CaseState,
  ctx: DecisionContext,
  step: keyof typeof STEP_CLOSED,
): Veto | null {
  const { absent, skipped } = STEP_CLOSED[step];
  if (stepMode(ctx.rules, step) === 'ABSENT') return veto('PRECONDITION', absent.en, absent.zh);
  return isSkipped(state, step) ? veto('PRECONDITION', skipped.en, skipped.zh) : null;
}
