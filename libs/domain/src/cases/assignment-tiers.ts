import type { AssignmentTier, ParkRules } from '../rules/park-rules.schema.js';
import type { CaseCommandOf } from './case-commands.js';
import type { CaseState, DecisionContext, Veto } from './case-state.js';
import { accept, firstVeto, requireText, veto, type CommandHandler } from './guards.js';

/**
 * The tiers of an assignment (主办 / 分办 / 协办 / 配合) as the park's rules define them, and the
 * report a SPLIT or ASSISTING department gives within its own clock. The lead department is the
 * rules' LEAD tier; every other park department on the case has the tier screening gave it.
 */

export type TierRules = Pick<ParkRules, 'assignmentTiers'>;

/** The stage of a SPLIT or ASSISTING department's clock among the case's deadlines. */
export const TIER_REPORT_STAGE = 'tierReport';

export function leadTier(rules: TierRules): AssignmentTier {
  return rules.assignmentTiers.find((tier) => tier.role === 'LEAD')!;
}

/** The tier a cooperating department takes when screening names none: the rules' first COOPERATING one. */
export function defaultTier(rules: TierRules): AssignmentTier | undefined {
  return rules.assignmentTiers.find((tier) => tier.role === 'COOPERATING');
}

/** Tiers with a clock: their departments report (to the service center or the lead department). */
export const reportsPart = (tier: AssignmentTier | undefined): boolean =>
  tier?.role === 'SPLIT' || tier?.role === 'ASSISTING';

/**
 * The tier of a department on the case: the lead tier for the lead department, the one screening
 * gave a cooperating department (a case stored before tiers: the default tier), none otherwise.
 */
export function tierOfDepartment(
  state: CaseState,
  rules: TierRules,
  departmentId: string,
): AssignmentTier | undefined {
  if (departmentId === state.leadDepartmentId) return leadTier(rules);
  if (!state.cooperatingDepartmentIds.includes(departmentId)) return undefined;
  const code = state.departmentTiers?.[departmentId];
  return code ? rules.assignmentTiers.find((tier) => tier.code === code) : defaultTier(rules);
}

/** The departments that report their part, each with its tier, in the order screening named them. */
export function reportingDepartments(
  state: CaseState,
  rules: TierRules,
): { departmentId: string; tier: AssignmentTier }[] {
  return state.cooperatingDepartmentIds.flatMap((departmentId) => {
    const tier = tierOfDepartment(state, rules, departmentId);
    return tier && reportsPart(tier) ? [{ departmentId, tier }] : [];
  });
}

/** SPLIT departments that have not reported: the lead's result waits for them (each answers its part). */
export function splitPartsOutstanding(state: CaseState, rules: TierRules): string[] {
  return reportingDepartments(state, rules)
    .filter(({ departmentId, tier }) => tier.role === 'SPLIT' && !state.partsReported?.includes(departmentId))
    .map(({ departmentId }) => departmentId);
}

export interface DepartmentTierInput {
  departmentId: string;
  tierCode: string;
}

/**
 * The tier of each cooperating department, from screening's `departmentTiers` (each naming one of
 * the cooperating departments and a tier other than the lead's); unnamed ones take the default
 * tier, which a park without a COOPERATING tier does not have: then each must be named.
 */
export function resolveDepartmentTiers(
  ctx: DecisionContext,
  cooperating: readonly string[],
  given: unknown,
  field = 'departmentTiers',
): { ok: true; tiers: Record<string, string> } | Veto {
  const list = given ?? [];
  if (!Array.isArray(list))
    return veto('INPUT', 'must be a list of departments with their tier', '应为部室及其承办方式列表', field);
  const tiers: Record<string, string> = {};
  for (const [i, item] of (list as Partial<DepartmentTierInput>[]).entries()) {
    const at = `${field}[${i}]`;
    const tier = ctx.rules.assignmentTiers.find((t) => t.code === item?.tierCode);
    const problem = firstVeto(
      () =>
        typeof item?.departmentId === 'string' && cooperating.includes(item.departmentId)
          ? null
          : veto(
              'INPUT',
              'must be one of the departments named besides the lead',
              '应为牵头部室以外的承办部室',
              `${at}.departmentId`,
            ),
      () =>
        tiers[item!.departmentId!] !== undefined
          ? veto('INPUT', 'is given a tier twice', '重复指定承办方式', `${at}.departmentId`)
          : null,
      () =>
        !tier
          ? veto(
              'INPUT',
              `must be a tier of the park rules: ${tierCodes(ctx.rules)}`,
              `应为园区规则中的承办方式：${tierCodes(ctx.rules)}`,
              `${at}.tierCode`,
            )
          : tier.role === 'LEAD'
            ? veto(
                'INPUT',
                'The lead tier belongs to the lead department only',
                '主办（牵头）仅限牵头部室',
                `${at}.tierCode`,
              )
            : null,
    );
    if (problem) return problem;
    tiers[item.departmentId!] = tier!.code;
  }
  const fallback = defaultTier(ctx.rules);
  for (const [i, departmentId] of cooperating.entries()) {
    if (tiers[departmentId] !== undefined) continue;
    if (!fallback)
      return veto(
        'INPUT',
        `Give each department besides the lead its tier (${tierCodes(ctx.rules)})`,
        `请为牵头部室以外的每个部室指定承办方式（${tierLabels(ctx.rules)}）`,
        `cooperatingDepartmentIds[${i}]`,
      );
    tiers[departmentId] = fallback.code;
  }
  return { ok: true, tiers };
}

const tierCodes = (rules: TierRules) => rules.assignmentTiers.map((t) => t.code).join(', ');
const tierLabels = (rules: TierRules) => rules.assignmentTiers.map((t) => t.labelZh).join('、');

/** The departments the actor may report for: its own SPLIT or ASSISTING ones that have not reported. */
function reportableFor(state: CaseState, ctx: DecisionContext): string[] {
  const own = ctx.actor.roles
    .filter((r) => r.role === 'DEPARTMENT_HANDLER' || r.role === 'DEPARTMENT_HEAD')
    .map((r) => r.departmentId);
  return reportingDepartments(state, ctx.rules)
    .map(({ departmentId }) => departmentId)
    .filter((id) => own.includes(id) && !state.partsReported?.includes(id));
}

/**
 * 分办 / 协办: a SPLIT department answers the enterprise for its own part (its reply and result); an
 * ASSISTING department reports its contribution to the lead department. Once per department and
 * assignment; `departmentId` is needed only by someone acting for several such departments.
 */
export const reportPart: CommandHandler<CaseCommandOf<'reportPart'>> = {
  permit: (state, ctx) =>
    reportableFor(state, ctx).length > 0
      ? null
      : veto(
          'PERMISSION',
          'Report a part: only a split or assisting department of the case that has not reported yet may do this',
          '仅尚未报送的分办或协办部室可以报送承办情况',
        ),
  run(state, command, ctx) {
    const mine = reportableFor(state, ctx);
    const departmentId = command.departmentId ?? (mine.length === 1 ? mine[0] : undefined);
    if (departmentId === undefined || !mine.includes(departmentId))
      return veto(
        'INPUT',
        'Name the split or assisting department you report for',
        '请选择报送承办情况的分办或协办部室',
        'departmentId',
      );
    const tier = tierOfDepartment(state, ctx.rules, departmentId)!;
    const split = tier.role === 'SPLIT';
    const problem = firstVeto(
      () =>
        split
          ? requireText(
              command.replyToEnterprise,
              'replyToEnterprise',
              'The reply to the enterprise for this part',
              '答复企业情况',
            )
          : null,
      () => requireText(command.report, 'report', 'What the department did', '承办情况'),
    );
    if (problem) return problem;
    return accept(
      state,
      'reportPart',
      { partsReported: [...(state.partsReported ?? []), departmentId] },
      {
        departmentId,
        tierCode: tier.code,
        tierRole: tier.role,
        reportsTo: tier.reportsTo ?? (split ? 'SERVICE_CENTER' : 'LEAD_DEPARTMENT'),
        report: command.report.trim(),
        ...(split ? { replyToEnterprise: command.replyToEnterprise!.trim() } : {}),
        ...(tier.ccOfficeCodes.length > 0 ? { cc: tier.ccOfficeCodes } : {}),
      },
    );
  },
};
