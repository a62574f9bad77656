import type { z } from 'zod';
import { numberFormatProblems, type NumberingReset } from '../numbering/numbering.js';
import { ParkRulesInvalidError, type RulesProblem } from './errors.js';
import { isFallbackCondition } from './fallback-route.js';
import { unknownLetterPlaceholders } from './letter-wording.js';
import { NOTIFICATION_KINDS, unknownNotificationPlaceholders } from './notification-templates.js';
import { withRuleDefaults } from './rules-defaults.js';
import { webhookProblems, type WebhookRulesOptions } from './webhook-target.js';
import {
  NUMBERED_DOCUMENT_KINDS,
  DEADLINE_STAGES,
  parkRulesSchema,
  type ParkRules,
} from './park-rules.schema.js';

export type { RulesProblem } from './errors.js';

export type ParkRulesValidation = { ok: true; rules: ParkRules } | { ok: false; problems: RulesProblem[] };

/** What rules are checked against beyond themselves: the park they are for, the operator's networks. */
export type ParkRulesValidationOptions = WebhookRulesOptions;

/**
 * Validates a park's rules and returns every problem at once (a console form shows them all),
 * each with a path such as `approvalRoutes[2].condition.departmentCountMin`. With `parkCode`, the
 * webhook's secret must be that park's.
 */
export function validateParkRules(
  given: unknown,
  options: ParkRulesValidationOptions = {},
): ParkRulesValidation {
  const input = withRuleDefaults(given);
  const parsed = parkRulesSchema.safeParse(input, { reportInput: true });
  const problems = parsed.success ? [] : problemsFromZod(parsed.error.issues);
  // Cross-field checks also run on input that failed the schema, so one save shows everything.
  problems.push(...crossFieldProblems(parsed.success ? parsed.data : input));
  // On the input: the parsed routes no longer say whether the chain was given as approverRole.
  problems.push(...approvalChainProblems(input));
  problems.push(...webhookProblems(input, options));
  const unique = dedupe(problems);
  return parsed.success && unique.length === 0
    ? { ok: true, rules: parsed.data }
    : { ok: false, problems: unique };
}

/** `['approvalRoutes', 2, 'condition']` → `approvalRoutes[2].condition`. */
export function formatProblemPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment))
      out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/** Prefixes the problems' paths, e.g. with `rules` for a config file. */
export function prefixProblems(prefix: string, problems: readonly RulesProblem[]): RulesProblem[] {
  return problems.map((p) => ({
    path: !p.path ? prefix : p.path.startsWith('[') ? `${prefix}${p.path}` : `${prefix}.${p.path}`,
    message: p.message,
  }));
}

export function problemsFromZod(issues: readonly z.core.$ZodIssue[]): RulesProblem[] {
  const problems: RulesProblem[] = [];
  for (const issue of issues) {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        problems.push({ path: formatProblemPath([...path, key]), message: 'unknown field' });
      continue;
    }
    problems.push({ path: formatProblemPath(path), message: zodMessage(issue) });
  }
  return problems;
}

function zodMessage(issue: z.core.$ZodIssue): string {
  // With reportInput, a missing value is the one issue without `input`.
  const missing = !('input' in issue) || issue.input === undefined;
  if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return 'required';
  // Our own messages are short already; zod's defaults start with "Invalid" / "Too".
  if (!/^(Invalid|Too (small|big))/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}, got ${describeType(issue.input)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `must have at least ${issue.minimum} items`
        : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `must have at most ${issue.maximum} items`
        : `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

function dedupe(problems: RulesProblem[]): RulesProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// The cross-field checks read the input tolerantly: a part with the wrong shape was already
// reported by the schema and is skipped here.
type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const asInt = (v: unknown): number | undefined => (Number.isInteger(v) ? (v as number) : undefined);

const CODED_LISTS = [
  'categories',
  'intakeChannels',
  'reportForms',
  'inadmissibleMatters',
  'departments',
  'ccOffices',
  'approvalRoutes',
  'grades',
  'satisfactionScale',
  'caseFlags',
  'assignmentTiers',
] as const;

function crossFieldProblems(input: unknown): RulesProblem[] {
  const rules = asObj(input);
  const problems: RulesProblem[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ path, message });
  };

  for (const list of CODED_LISTS) uniqueKeys(asArr(rules[list]), list, 'code', add);
  uniqueKeys(asArr(rules.supervisionTriggers), 'supervisionTriggers', 'event', add);

  const codesOf = (list: string): Set<string> =>
    new Set(
      asArr(rules[list])
        .map((item) => asStr(asObj(item).code))
        .filter((c): c is string => !!c),
    );
  const categoryCodes = codesOf('categories');
  const reportFormCodes = codesOf('reportForms');
  asArr(rules.intakeChannels).forEach((item, i) => {
    const code = asObj(item).reportFormCode;
    if (typeof code === 'string' && !reportFormCodes.has(code))
      add(`intakeChannels[${i}].reportFormCode`, `unknown report form "${code}"`);
  });
  const ccOfficeCodes = codesOf('ccOffices');
  const flagCodes = codesOf('caseFlags');

  // What each cc office is copied on: named once each; an overdue hand-over names known offices
  // and follows a supervision letter, so the rules must supervise overdue cases.
  const referralCopied = new Set<string>();
  asArr(rules.ccOffices).forEach((item, i) => {
    const office = asObj(item);
    const occasions = asArr(office.copiedOn);
    occasions.forEach((occasion, j) => {
      if (occasions.indexOf(occasion) !== j) add(`ccOffices[${i}].copiedOn[${j}]`, 'listed twice');
    });
    if (typeof office.code === 'string' && occasions.includes('REFERRAL_LETTER'))
      referralCopied.add(office.code);
  });
  if (rules.overdueHandover !== undefined && rules.overdueHandover !== null) {
    const officeCodes = asArr(asObj(rules.overdueHandover).officeCodes);
    officeCodes.forEach((code, j) => {
      if (typeof code !== 'string') return;
      if (!ccOfficeCodes.has(code)) add(`overdueHandover.officeCodes[${j}]`, `unknown cc office "${code}"`);
      else if (officeCodes.indexOf(code) !== j) add(`overdueHandover.officeCodes[${j}]`, 'listed twice');
    });
    const supervised = asArr(rules.supervisionTriggers).some(
      (t) => asObj(t).event === 'OVERDUE' && asObj(t).action === 'SUPERVISION',
    );
    if (!supervised)
      add(
        'overdueHandover',
        'requires the supervision of overdue cases (supervisionTriggers: OVERDUE → SUPERVISION)',
      );
  }

  assignmentTierProblems(asArr(rules.assignmentTiers).map(asObj), ccOfficeCodes, add);

  const departments = asArr(rules.departments).map(asObj);
  if (departments.length > 0 && !departments.some((d) => d.kind === 'PARK')) {
    add('departments', 'must list at least one PARK department');
  }

  // Approval routes: references, ranges, and a reachable fallback at the end.
  const routes = asArr(rules.approvalRoutes).map(asObj);
  let fallbackIndex = -1;
  routes.forEach((route, i) => {
    const at = `approvalRoutes[${i}]`;
    const condition = asObj(route.condition);
    const min = asInt(condition.departmentCountMin);
    const max = asInt(condition.departmentCountMax);
    if (min !== undefined && max !== undefined && min > max) {
      add(`${at}.condition.departmentCountMin`, 'must not exceed departmentCountMax');
    }
    asArr(condition.categoryCodes).forEach((code, j) => {
      if (typeof code === 'string' && !categoryCodes.has(code)) {
        add(`${at}.condition.categoryCodes[${j}]`, `unknown category "${code}"`);
      }
    });
    asArr(condition.flagCodes).forEach((code, j) => {
      if (typeof code === 'string' && !flagCodes.has(code)) {
        add(`${at}.condition.flagCodes[${j}]`, `unknown flag "${code}"`);
      }
    });
    // A district matter is referred by letter: it has no lead department to be the linked one.
    if (condition.jurisdiction === 'DISTRICT' && condition.leadIsLinkedDepartment === true) {
      add(`${at}.condition.leadIsLinkedDepartment`, 'a DISTRICT matter has no lead department');
    }
    asArr(route.ccOfficeCodes).forEach((code, j) => {
      if (typeof code === 'string' && !ccOfficeCodes.has(code)) {
        add(`${at}.ccOfficeCodes[${j}]`, `unknown cc office "${code}"`);
      }
    });
    asArr(route.ccOfficeCodes).forEach((code, j) => {
      if (typeof code === 'string' && ccOfficeCodes.has(code) && !referralCopied.has(code)) {
        add(`${at}.ccOfficeCodes[${j}]`, `cc office "${code}" is not copied on referral letters (copiedOn)`);
      }
    });
    if (route.ccOfficeCodes !== undefined && route.sendsReferralLetter === false) {
      add(`${at}.ccOfficeCodes`, 'only applies to a route that sends a referral letter');
    }
    // District bureaus are reached by letter, not by assignment (GLOSSARY: Department).
    if (condition.jurisdiction === 'DISTRICT' && route.sendsReferralLetter === false) {
      add(`${at}.sendsReferralLetter`, 'must be true for DISTRICT jurisdiction');
    }
    if (condition.jurisdiction === 'DISTRICT' && !departments.some((d) => d.kind === 'DISTRICT')) {
      add(`${at}.condition.jurisdiction`, 'no DISTRICT department is listed');
    }
    if (fallbackIndex >= 0) {
      add(at, `unreachable: after the fallback route approvalRoutes[${fallbackIndex}]`);
    } else if (isFallbackCondition(route.condition)) {
      fallbackIndex = i;
    }
  });
  if (Array.isArray(rules.approvalRoutes) && routes.length > 0 && fallbackIndex < 0) {
    add('approvalRoutes', 'a fallback route (empty condition) is required');
  }

  // Numbering: placeholders, yearly reset needs {year}, two kinds must not share a format.
  const numbering = asObj(rules.numbering);
  const formatOwners = new Map<string, string>();
  for (const kind of NUMBERED_DOCUMENT_KINDS) {
    const rule = asObj(numbering[kind]);
    const format = asStr(rule.format);
    if (format === undefined) continue;
    const reset = (asStr(rule.reset) === 'NEVER' ? 'NEVER' : 'YEARLY') satisfies NumberingReset;
    for (const message of numberFormatProblems(format, reset)) add(`numbering.${kind}.format`, message);
    const owner = formatOwners.get(format.trim());
    if (owner) add(`numbering.${kind}.format`, `same format as numbering.${owner}`);
    else formatOwners.set(format.trim(), kind);
  }

  // Deadlines: an urgent override shortens, it never lengthens.
  const deadlines = asObj(rules.deadlines);
  for (const stage of DEADLINE_STAGES) {
    const rule = asObj(deadlines[stage]);
    const urgent = asObj(asObj(rule.byUrgency).URGENT);
    const normalAmount = asInt(rule.amount);
    const urgentAmount = asInt(urgent.amount);
    if (
      normalAmount !== undefined &&
      urgentAmount !== undefined &&
      urgent.unit === rule.unit &&
      urgentAmount > normalAmount
    ) {
      add(`deadlines.${stage}.byUrgency.URGENT.amount`, 'must not exceed the NORMAL amount');
    }
  }

  // Calendar overrides: one entry per date, and a date cannot be both closed and worked.
  const calendar = asObj(rules.calendar);
  const closureDates = uniqueKeys(asArr(calendar.closures), 'calendar.closures', 'date', add);
  const workdayDates = uniqueKeys(asArr(calendar.extraWorkdays), 'calendar.extraWorkdays', 'date', add);
  for (const [date, j] of workdayDates) {
    const i = closureDates.get(date);
    if (i !== undefined)
      add(`calendar.extraWorkdays[${j}].date`, `also a closure at calendar.closures[${i}]`);
  }

  // Grades: something must close a case, and an open grade must be reviewed again.
  const grades = asArr(rules.grades).map(asObj);
  if (grades.length > 0 && !grades.some((g) => g.closesCase === true)) {
    add('grades', 'at least one grade must close the case');
  }
  grades.forEach((g, i) => {
    if (g.closesCase === false && g.reviewRequired === false) {
      add(`grades[${i}].reviewRequired`, 'must be true for a grade that does not close the case');
    }
  });

  const levels = asArr(rules.satisfactionScale).map(asObj);
  if (levels.length > 0 && !levels.some((l) => l.countsAsSatisfied === true)) {
    add('satisfactionScale', 'at least one level must count as satisfied');
  }
  if (levels.length > 0 && !levels.some((l) => l.countsAsSatisfied === false)) {
    add('satisfactionScale', 'at least one level must count as unsatisfied');
  }

  const letters = asObj(rules.letters);
  for (const letter of ['referral', 'supervision', 'referralSupervision']) {
    const wording = asObj(letters[letter]);
    for (const field of ['title', 'salutation', 'body', 'closing']) {
      const text = asStr(wording[field]);
      if (text === undefined) continue;
      for (const name of new Set(unknownLetterPlaceholders(text))) {
        add(`letters.${letter}.${field}`, `unknown placeholder {${name}}`);
      }
    }
  }

  const templates = asObj(asObj(rules.notifications).templates);
  for (const kind of NOTIFICATION_KINDS) {
    const template = asObj(templates[kind]);
    for (const field of ['titleZh', 'bodyZh', 'titleEn', 'bodyEn']) {
      const text = asStr(template[field]);
      if (text === undefined) continue;
      for (const name of new Set(unknownNotificationPlaceholders(text))) {
        add(`notifications.templates.${kind}.${field}`, `unknown placeholder {${name}}`);
      }
    }
    if (
      templates[kind] !== undefined &&
      (template.titleEn === undefined) !== (template.bodyEn === undefined)
    ) {
      const missing = template.titleEn === undefined ? 'titleEn' : 'bodyEn';
      add(
        `notifications.templates.${kind}.${missing}`,
        'required with the other English field (give both or neither)',
      );
    }
  }

  stepProblems(rules, add);

  return problems;
}

/** Each route states its chain once: as `approvalSteps`, or as one `approverRole` (older files). */
function approvalChainProblems(input: unknown): RulesProblem[] {
  const problems: RulesProblem[] = [];
  asArr(asObj(input).approvalRoutes).forEach((item, i) => {
    const route = asObj(item);
    if (Object.keys(route).length === 0) return;
    if (route.approverRole !== undefined && route.approvalSteps !== undefined) {
      problems.push({
        path: `approvalRoutes[${i}].approverRole`,
        message: 'give approvalSteps or approverRole (one sign-off), not both',
      });
    } else if (route.approverRole === undefined && route.approvalSteps === undefined) {
      problems.push({
        path: `approvalRoutes[${i}].approvalSteps`,
        message: 'required (an empty list: the office assigns directly, with no sign-off)',
      });
    }
  });
  return problems;
}

/** The procedure's steps, follow-up sample and admissibility must fit together. */
function stepProblems(rules: Obj, add: (path: string, message: string) => void): void {
  const steps = asObj(rules.steps);
  const followUp = asObj(rules.followUp);
  const mode = asStr(followUp.mode);
  if (mode === 'PERCENT' && followUp.percent === undefined)
    add('followUp.percent', 'required with mode PERCENT');
  if (mode === 'EVERY_NTH' && followUp.everyNth === undefined)
    add('followUp.everyNth', 'required with mode EVERY_NTH');
  if (mode !== undefined && mode !== 'PERCENT' && followUp.percent !== undefined)
    add('followUp.percent', 'only applies to mode PERCENT');
  if (mode !== undefined && mode !== 'EVERY_NTH' && followUp.everyNth !== undefined)
    add('followUp.everyNth', 'only applies to mode EVERY_NTH');
  if (steps.followUp === 'ABSENT' && mode !== undefined && mode !== 'ALL')
    add('followUp.mode', 'must be ALL when steps.followUp is ABSENT (no case is followed up)');
  // A flagged case is confirmed or rejected by its verification: there must be one.
  if (asObj(rules.admissibility).notInRegister === 'FLAG_FOR_VERIFICATION' && steps.verification === 'ABSENT')
    add(
      'admissibility.notInRegister',
      'FLAG_FOR_VERIFICATION needs a verification step (steps.verification is ABSENT)',
    );
}

/** Reports repeated values of `key` in a list; returns value → first index. */
function uniqueKeys(
  items: unknown[],
  listPath: string,
  key: string,
  add: (path: string, message: string) => void,
): Map<string, number> {
  const firstAt = new Map<string, number>();
  items.forEach((item, i) => {
    const value = asStr(asObj(item)[key]);
    if (value === undefined) return;
    const first = firstAt.get(value);
    if (first === undefined) firstAt.set(value, i);
    else add(`${listPath}[${i}].${key}`, `duplicate ${key} "${value}" (also at ${listPath}[${first}])`);
  });
  return firstAt;
}

/** The rules, validated, or a ParkRulesInvalidError listing every problem. */
export function assertValidParkRules(input: unknown, options: ParkRulesValidationOptions = {}): ParkRules {
  const result = validateParkRules(input, options);
  if (!result.ok) throw new ParkRulesInvalidError(result.problems);
  return result.rules;
}

/**
 * The tiers: one lead tier; a clock for each SPLIT and ASSISTING tier (what they are late against)
 * and none for the lead (its clock is `deadlines.departmentReply`) or a COOPERATING tier; a report
 * addressee only for tiers that report; known cc offices.
 */
function assignmentTierProblems(
  tiers: Record<string, unknown>[],
  ccOfficeCodes: Set<string>,
  add: (path: string, message: string) => void,
): void {
  const leads = tiers.filter((tier) => tier.role === 'LEAD').length;
  if (tiers.length > 0 && leads !== 1)
    add('assignmentTiers', `must have exactly one tier of role LEAD (has ${leads})`);
  tiers.forEach((tier, i) => {
    const at = `assignmentTiers[${i}]`;
    const reports = tier.role === 'SPLIT' || tier.role === 'ASSISTING';
    if (reports && tier.clock === undefined)
      add(`${at}.clock`, `a ${String(tier.role)} tier needs its clock (amount and unit)`);
    if (!reports && tier.clock !== undefined)
      add(
        `${at}.clock`,
        tier.role === 'LEAD'
          ? "the lead tier's clock is deadlines.departmentReply"
          : 'a COOPERATING tier has no clock',
      );
    if (!reports && tier.reportsTo !== undefined)
      add(`${at}.reportsTo`, 'only SPLIT and ASSISTING tiers report to someone');
    asArr(tier.ccOfficeCodes).forEach((code, j) => {
      if (typeof code === 'string' && !ccOfficeCodes.has(code))
        add(`${at}.ccOfficeCodes[${j}]`, `unknown cc office "${code}"`);
    });
  });
}
