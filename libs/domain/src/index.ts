export * from './auth/roles.js';
export * from './auth/permissions.js';
export * from './rules/errors.js';
export * from './rules/park-rules.schema.js';
export * from './rules/rules-defaults.js';
export * from './rules/validate-park-rules.js';
export * from './rules/fallback-route.js';
export * from './rules/route-matching.js';
export * from './rules/diff-park-rules.js';
export * from './rules/letter-wording.js';
export * from './rules/notification-templates.js';
export * from './rules/park-config-file.js';
export * from './rules/intake-defaults.js';
export * from './rules/webhook-target.js';
export * from './calendar/iso-date.js';
export * from './calendar/working-days.js';
export * from './calendar/national-schedule.js';
export * from './files/csv.js';
export * from './numbering/numbering.js';
export * from './cases/credit-code.js';
export * from './cases/case-status.js';
export * from './cases/case-commands.js';
export * from './cases/case-transitions.js';
export * from './cases/case-aggregate.js';
export { newCaseState, unscreened, VETO_KINDS } from './cases/case-state.js';
export { NOT_IN_REGISTER_MARKS } from './cases/case-state.js';
export * from './cases/procedure-steps.js';
export * from './cases/overdue-deadlines.js';
export * from './cases/case-invariants.js';
export * from './cases/deadlines.js';
export * from './cases/deadline-transitions.js';
export * from './cases/deadline-reminders.js';
export * from './cases/issued-documents.js';
export { isRejectionReason, rejectionReasons } from './cases/intake-handlers.js';
export { reopeningEvents } from './cases/outcome-handlers.js';
export * from './accountability/circular-notice.js';
export * from './dashboards/indicator-settings.js';
export * from './dashboards/case-facts.js';
export * from './dashboards/indicators.js';
export * from './dashboards/masking.js';
export * from './dashboards/monthly-report.js';
export { caseStateFromStored } from './cases/case-state.js';
export * from './cases/approval-chain.js';
export {
  defaultTier,
  leadTier,
  reportingDepartments,
  reportsPart,
  splitPartsOutstanding,
  TIER_REPORT_STAGE,
  tierOfDepartment,
  type DepartmentTierInput,
} from './cases/assignment-tiers.js';
export * from './cases/enterprise-link.js';
export * from './cases/follow-up-recorders.js';
