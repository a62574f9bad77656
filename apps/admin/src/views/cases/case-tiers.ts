import { defaultTier, reportsPart, type AssignmentTier, type ParkRules } from '@qifu/domain';
import type { CaseDetailFieldsFragment, MeFieldsFragment } from '@/gql/graphql';
import type { CodeOption } from './case-labels';

/**
 * Assignment tiers (主办 / 分办 / 协办 / 配合) as the case screens use them: which tier each
 * department besides the lead takes at screening, and which split or assisting part a user reports.
 */

type TierRules = Pick<ParkRules, 'assignmentTiers'> | undefined;

/** The tiers a department besides the lead may take (all but the lead tier). */
export function nonLeadTiers(rules: TierRules): AssignmentTier[] {
  return (rules?.assignmentTiers ?? []).filter((tier) => tier.role !== 'LEAD');
}

/**
 * Whether screening asks for each department's tier: the rules offer a choice (more than one tier
 * besides the lead), or have no cooperating tier to fall back on. Zhengyang's lead + cooperating
 * rules do not: every other department cooperates, as Attachment 3 has it.
 */
export function choosesTiers(rules: TierRules): boolean {
  if (!rules) return false;
  return nonLeadTiers(rules).length > 1 || defaultTier(rules) === undefined;
}

/**
 * Whether the case screens show tiers: the rules offer a choice, or a department on the case has a
 * tier other than cooperating. Lead + cooperating cases read as before (牵头 / 配合办理部室).
 */
export function showsTiers(rules: TierRules, tierCodes: readonly string[]): boolean {
  if (!rules) return false;
  return choosesTiers(rules) || tierCodes.some((code) => tierByCode(rules, code)?.role !== 'COOPERATING');
}

export function tierOptions(rules: TierRules, english: boolean): CodeOption[] {
  return nonLeadTiers(rules).map((tier) => ({
    value: tier.code,
    label: english ? tier.labelEn : tier.labelZh,
  }));
}

/**
 * The tiers of the departments chosen besides the lead: those already given are kept, new ones
 * take the rules' cooperating tier (none when the rules have none: the user picks), dropped ones go.
 */
export function syncDepartmentTiers(
  tiers: Readonly<Record<string, string>>,
  cooperating: readonly string[],
  rules: TierRules,
): Record<string, string> {
  if (!choosesTiers(rules)) return {};
  const fallback = rules ? (defaultTier(rules)?.code ?? '') : '';
  return Object.fromEntries(cooperating.map((id) => [id, tiers[id] ?? fallback]));
}

/** What screening sends: each chosen department's tier, in the order the departments were chosen. */
export function departmentTiersInput(
  tiers: Readonly<Record<string, string>>,
  cooperating: readonly string[],
): { departmentId: string; tierCode: string }[] {
  return cooperating.filter((id) => tiers[id]).map((id) => ({ departmentId: id, tierCode: tiers[id] }));
}

export function tierByCode(rules: TierRules, code: string | null | undefined): AssignmentTier | undefined {
  return code ? rules?.assignmentTiers.find((tier) => tier.code === code) : undefined;
}

/** The departments a user acts for (handler or head), from the session. */
export function myDepartmentIds(me: Pick<MeFieldsFragment, 'roles'> | null | undefined): string[] {
  return (me?.roles ?? [])
    .filter((r) => r.role === 'DEPARTMENT_HANDLER' || r.role === 'DEPARTMENT_HEAD')
    .flatMap((r) => (r.departmentId ? [r.departmentId] : []));
}

/**
 * The split or assisting departments whose part is still owed and that the user acts for; when
 * the user acts for none of them (the API decides), every such department of the case.
 */
export function reportableDepartments(
  caseData: Pick<CaseDetailFieldsFragment, 'departmentTiers'>,
  rules: TierRules,
  mine: readonly string[],
): string[] {
  const owed = caseData.departmentTiers
    .filter((entry) => !entry.reported && reportsPart(tierByCode(rules, entry.tierCode)))
    .map((entry) => entry.departmentId);
  const own = owed.filter((id) => mine.includes(id));
  return own.length > 0 ? own : owed;
}

/** Does reporting for this department answer the enterprise (a split part)? */
export function answersEnterprise(
  caseData: Pick<CaseDetailFieldsFragment, 'departmentTiers'>,
  rules: TierRules,
  departmentId: string,
): boolean {
  const entry = caseData.departmentTiers.find((e) => e.departmentId === departmentId);
  return tierByCode(rules, entry?.tierCode)?.role === 'SPLIT';
}
