import type { ApprovalRouteCondition } from './park-rules.schema.js';

const CONDITION_FIELDS = [
  'jurisdiction',
  'departmentCountMin',
  'departmentCountMax',
  'major',
  'policyHeavy',
  'categoryCodes',
  'flagCodes',
  'enterpriseLinked',
  'leadIsLinkedDepartment',
] as const satisfies readonly (keyof ApprovalRouteCondition)[];

/**
 * A condition with no field set matches every case: the fallback route (a route without a
 * condition is not one). Plain TypeScript (no schema), for the rules' validation and the console's
 * routes editor alike.
 */
export function isFallbackCondition(condition: unknown): boolean {
  if (typeof condition !== 'object' || condition === null) return false;
  const fields = condition as Record<string, unknown>;
  return CONDITION_FIELDS.every((field) => fields[field] === undefined);
}
