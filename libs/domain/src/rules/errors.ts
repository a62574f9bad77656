/**
 * Typed domain errors of the park rules, calendar and numbering. Callers branch on `code`
 * (stable, safe to send to clients), never on the message.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    // Keep the subclass name in stack traces and logs after transpilation.
    this.name = new.target.name;
  }
}

export interface RulesProblem {
  /** Where the problem is, e.g. `approvalRoutes[2].condition.departmentCountMin`; '' for the whole document. */
  path: string;
  message: string;
}

/** Rules that failed validation were used where valid rules are required. */
export class ParkRulesInvalidError extends DomainError {
  readonly code = 'PARK_RULES_INVALID';

  constructor(readonly problems: readonly RulesProblem[]) {
    super(`Park rules are invalid: ${problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ')}`);
  }
}

/**
 * The national holiday data does not cover a year. chinese-days silently answers Monday–Friday
 * for years it has no data for; a wrong deadline is worse than none, so we refuse.
 */
export class CalendarDataMissingError extends DomainError {
  readonly code = 'CALENDAR_DATA_MISSING';

  constructor(readonly year: number) {
    super(`No holiday data for ${year}: working days cannot be computed for that year`);
  }
}

/** A date string that is not a real calendar date in the form YYYY-MM-DD. */
export class InvalidDateError extends DomainError {
  readonly code = 'INVALID_DATE';

  constructor(readonly value: unknown) {
    super(`Not a date in the form YYYY-MM-DD: ${JSON.stringify(value)}`);
  }
}

/** An argument outside its domain (negative day count, sequence below 1…). */
export class InvalidArgumentError extends DomainError {
  readonly code = 'INVALID_ARGUMENT';

  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
  }
}

/** A numbering format with missing, repeated or unknown placeholders. */
export class NumberFormatError extends DomainError {
  readonly code = 'NUMBER_FORMAT_INVALID';

  constructor(
    readonly format: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid numbering format ${JSON.stringify(format)}: ${problems.join('; ')}`);
  }
}

/** No approval route matched: only possible with rules that skipped validation (no fallback route). */
export class NoApprovalRouteError extends DomainError {
  readonly code = 'NO_APPROVAL_ROUTE';

  constructor() {
    super('No approval route matches and the rules have no fallback route');
  }
}
