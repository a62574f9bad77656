// Checks of client values that must hold before they reach SQL: PostgreSQL refuses them with an
// error (a server error to the client) where the client deserves to hear which field is wrong.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** A real day of years 0001-9999 (`YYYY-MM-DD`): PostgreSQL refuses 2026-02-30 and year 0. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1) return false;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An ISO 8601 date and time with its offset (`2026-03-05T09:30:00.000Z`, `…+08:00`), on a real day. */
export function isIsoDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match =
    /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/.exec(
      value,
    );
  return match !== null && isCalendarDate(match[1]);
}

// C0 controls, DEL and C1 controls; tab, line feed and carriage return are refused too outside
// multi-line text. A lone surrogate is not text either: it would be stored as U+FFFD.
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `value` is not acceptable text (NUL, control characters, broken Unicode), or null. */
export function textProblem(value: string, multiLine: boolean): string | null {
  const control = (multiLine ? CONTROL : CONTROL_OR_BREAK).exec(value);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `must not contain control characters (U+${code} at ${control.index})`;
  }
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) return `must be valid Unicode text (a lone surrogate at ${surrogate.index})`;
  return null;
}
