import { badInput } from './errors.js';
import { isCalendarDate, isIsoDateTime, isUuid } from './input-values.js';

/** What each value of a keyset cursor must be, as the SQL that continues the page casts it. */
export type CursorPart = 'int' | 'date' | 'datetime' | 'uuid';

const IS: Record<CursorPart, (value: unknown) => boolean> = {
  int: (value) => Number.isSafeInteger(value) && Math.abs(value as number) <= 2_147_483_647,
  date: isCalendarDate,
  datetime: isIsoDateTime,
  uuid: isUuid,
};

/** An opaque page cursor: the last row's sort keys, as base64url JSON. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The values of a cursor this API issued, each checked against its part; anything else (a cursor of
 * another list or sort, an edited one) is BAD_USER_INPUT on `after`, never an SQL error.
 */
export function decodeCursor(cursor: string, parts: readonly CursorPart[], what = 'list'): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = null;
  }
  if (
    Array.isArray(values) &&
    values.length === parts.length &&
    parts.every((part, i) => IS[part](values[i]))
  )
    return values;
  throw badInput([{ path: 'after', message: `not a cursor of this ${what}` }]);
}

/** Rows to skip for `after` on a list paged by position (aggregates, the job queue): 0 without one. */
export function offsetAfter(after: string | null | undefined, what = 'list'): number {
  if (after == null) return 0;
  const [offset] = decodeCursor(after, ['int'], what) as [number];
  if (offset < 0) throw badInput([{ path: 'after', message: `not a cursor of this ${what}` }]);
  return offset;
}
