import { NoApprovalRouteError } from './errors.js';
import type {
  ApprovalRoute,
  ApprovalRouteCondition,
  CcOccasion,
  CcOfficeDefinition,
  Jurisdiction,
  ParkRules,
} from './park-rules.schema.js';
import { CC_OFFICE_DEFAULT_COPIED_ON } from './rules-defaults.js';

/** What routing looks at (Art. 6 screening settles these before approval). */
export interface ApprovalFacts {
  jurisdiction: Jurisdiction;
  /** Park departments (PARK) or district bureaus (DISTRICT) involved, lead and cooperating. */
  departmentCount: number;
  major: boolean;
  policyHeavy: boolean;
  categoryCode: string;
  /** The park's case flags screening set (`caseFlags`); none when left out. */
  flagCodes?: readonly string[];
  /** The enterprise's linked department and cadre (挂钩联系) the case recorded; none when left out. */
  linkedDepartmentId?: string | null;
  linkedCadreUserId?: string | null;
  /** The lead department screening chose (PARK matters). */
  leadDepartmentId?: string | null;
}

export type ApprovalConditionField = keyof ApprovalRouteCondition;

/**
 * One check per condition field, in the manner of vendure's configurable operations: the park
 * stores the argument, the code owns check(). A condition holds when every field it sets passes.
 */
const CONDITION_CHECKS: {
  [K in ApprovalConditionField]-?: (
    facts: ApprovalFacts,
    arg: NonNullable<ApprovalRouteCondition[K]>,
  ) => boolean;
} = {
  jurisdiction: (facts, arg) => facts.jurisdiction === arg,
  departmentCountMin: (facts, arg) => facts.departmentCount >= arg,
  departmentCountMax: (facts, arg) => facts.departmentCount <= arg,
  major: (facts, arg) => facts.major === arg,
  policyHeavy: (facts, arg) => facts.policyHeavy === arg,
  categoryCodes: (facts, arg) => arg.includes(facts.categoryCode),
  flagCodes: (facts, arg) => arg.every((code) => facts.flagCodes?.includes(code) ?? false),
  enterpriseLinked: (facts, arg) => (!!facts.linkedDepartmentId || !!facts.linkedCadreUserId) === arg,
  leadIsLinkedDepartment: (facts, arg) =>
    (!!facts.leadDepartmentId && facts.leadDepartmentId === facts.linkedDepartmentId) === arg,
};

/** The condition fields that fail for these facts (empty: the condition holds). */
export function failedConditionFields(
  condition: ApprovalRouteCondition,
  facts: ApprovalFacts,
): ApprovalConditionField[] {
  return (Object.keys(CONDITION_CHECKS) as ApprovalConditionField[]).filter((field) => {
    const arg = condition[field];
    if (arg === undefined) return false;
    const check = CONDITION_CHECKS[field] as (facts: ApprovalFacts, arg: unknown) => boolean;
    return !check(facts, arg);
  });
}

export interface ApprovalRouteMatch {
  route: ApprovalRoute;
  /** Position in `rules.approvalRoutes`. */
  index: number;
  /** True when only the fallback (empty condition) matched. */
  isFallback: boolean;
  /** The earlier routes and why each did not match: shown in the console next to the decision. */
  skipped: { index: number; code: string; failed: ApprovalConditionField[] }[];
}

/** The first route whose condition holds (Art. 7); validated rules always end with a fallback. */
export function matchApprovalRoute(
  rules: Pick<ParkRules, 'approvalRoutes'>,
  facts: ApprovalFacts,
): ApprovalRouteMatch {
  const skipped: ApprovalRouteMatch['skipped'] = [];
  for (const [index, route] of rules.approvalRoutes.entries()) {
    const failed = failedConditionFields(route.condition, facts);
    if (failed.length === 0) {
      const isFallback = Object.values(route.condition).every((v) => v === undefined);
      return { route, index, isFallback, skipped };
    }
    skipped.push({ index, code: route.code, failed });
  }
  throw new NoApprovalRouteError();
}

/**
 * The offices copied on a referral letter (Art. 7.2): those marked ALWAYS, plus MAJOR_ONLY ones
 * for a major case; a route's own `ccOfficeCodes` narrows the list.
 */
export function ccOfficesFor(
  rules: Pick<ParkRules, 'ccOffices'>,
  facts: { major: boolean; route?: Pick<ApprovalRoute, 'ccOfficeCodes'> },
): CcOfficeDefinition[] {
  const allowed = facts.route?.ccOfficeCodes;
  return ccOfficesOn(rules, 'REFERRAL_LETTER', facts).filter(
    (office) => allowed === undefined || allowed.includes(office.code),
  );
}

/** What an office is copied on (rules read without their defaults copy it on referral letters). */
export function occasionsOf(office: Pick<CcOfficeDefinition, 'copiedOn'>): readonly CcOccasion[] {
  return office.copiedOn ?? CC_OFFICE_DEFAULT_COPIED_ON;
}

/**
 * The offices copied on a document or event of a case: those whose `copiedOn` names it, by their
 * `when` (MAJOR_ONLY for a major case only), less those it is addressed to.
 */
export function ccOfficesOn(
  rules: Pick<ParkRules, 'ccOffices'>,
  occasion: CcOccasion,
  facts: { major: boolean; addressedTo?: readonly string[] },
): CcOfficeDefinition[] {
  return rules.ccOffices.filter(
    (office) =>
      occasionsOf(office).includes(occasion) &&
      (office.when === 'ALWAYS' || (office.when === 'MAJOR_ONLY' && facts.major)) &&
      !(facts.addressedTo ?? []).includes(office.code),
  );
}
