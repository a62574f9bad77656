import { createHash } from 'node:crypto';
import { sql, type InferResult, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { DB } from '../database/db-types.js';
import { kysely, rowsOf, rowsOfSql } from '../database/typed-sql.js';
import { NO_FAILURES, type AttemptCounts, type FailureCount } from './sign-in-throttle.js';

/** Failures of an account (and of an address on it) count for a day, those of an address for an hour. */
export const ACCOUNT_WINDOW_SECONDS = 24 * 60 * 60;
export const ADDRESS_WINDOW_SECONDS = 60 * 60;
/** How long one attempt holds a guarded subject while its password is checked. */
const HOLD_SECONDS = 15;

export interface SignInSubjects {
  account: string;
  pair: string;
  address: string;
}

// Hashed: people type passwords into the name field, and the table needs no name or address in clear.
const hashed = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex');

/** The keys an attempt is counted under; the same for names that exist and names that do not. */
export function signInSubjects(login: string, address: string): SignInSubjects {
  return {
    account: hashed('account', login),
    pair: hashed('pair', address, login),
    address: hashed('address', address),
  };
}

/** A subject's failures, with the ages the database's clock gives them (in seconds). */
const failureRows = (subjects: string[]) =>
  kysely
    .selectFrom('sign_in_failures')
    .select(['subject', 'failures'])
    .select([
      sql<number>`extract(epoch FROM now() - window_started_at)::float8`.as('window_age'),
      sql<number | null>`extract(epoch FROM now() - last_failed_at)::float8`.as('since_last'),
      sql<number | null>`extract(epoch FROM busy_until - now())::float8`.as('busy_for'),
    ])
    .where('subject', 'in', subjects)
    .orderBy('subject')
    .forUpdate();

type FailureRow = InferResult<ReturnType<typeof failureRows>>[number];

function countOf(row: FailureRow | undefined, windowSeconds: number): FailureCount {
  if (!row) return NO_FAILURES;
  const busyFor = Math.max(0, row.busy_for ?? 0);
  if (row.failures === 0 || row.window_age > windowSeconds) return { ...NO_FAILURES, busyFor };
  return { failures: row.failures, sinceLastFailure: row.since_last ?? Infinity, busyFor };
}

/**
 * The attempt's counts, with the address's rows locked until the transaction ends (created empty if
 * need be): two attempts from one address are decided one after the other, never both on stale counts.
 */
export async function lockCounts(em: EntityManager, subjects: SignInSubjects): Promise<AttemptCounts> {
  const lockable = [subjects.pair, subjects.address].sort();
  await rowsOf(
    em,
    kysely
      .insertInto('sign_in_failures')
      .values(lockable.map((subject) => ({ subject })))
      .onConflict((oc) => oc.column('subject').doNothing()),
  );
  const rows = await rowsOf(em, failureRows([subjects.account, ...lockable]));
  const row = (subject: string) => rows.find((r) => r.subject === subject);
  return {
    account: countOf(row(subjects.account), ACCOUNT_WINDOW_SECONDS),
    pair: countOf(row(subjects.pair), ACCOUNT_WINDOW_SECONDS),
    address: countOf(row(subjects.address), ADDRESS_WINDOW_SECONDS),
  };
}

/** Marks attempts in flight on these subjects (released when the outcome is recorded). */
export async function holdSubjects(em: EntityManager, subjects: string[]): Promise<void> {
  if (subjects.length === 0) return;
  await rowsOf(
    em,
    kysely
      .updateTable('sign_in_failures')
      .set({ busy_until: sql<Date>`now() + make_interval(secs => ${HOLD_SECONDS})` })
      .where('subject', 'in', subjects),
  );
}

async function countFailure(em: EntityManager, subjects: string[], windowSeconds: number) {
  // A window that has passed starts again at this failure.
  const windowOver = sql`f.failures = 0 OR f.window_started_at < now() - make_interval(secs => ${windowSeconds})`;
  return rowsOfSql(
    em,
    sql<Pick<Selectable<DB['sign_in_failures']>, 'subject' | 'failures'>>`
      INSERT INTO sign_in_failures AS f (subject, failures, window_started_at, last_failed_at)
      SELECT s, 1, now(), now() FROM unnest(${subjects}::text[]) AS s ORDER BY s
      ON CONFLICT (subject) DO UPDATE SET
        failures = CASE WHEN ${windowOver} THEN 1 ELSE f.failures + 1 END,
        window_started_at = CASE WHEN ${windowOver} THEN now() ELSE f.window_started_at END,
        last_failed_at = now(),
        busy_until = NULL
      RETURNING subject, failures`,
  );
}

/** Counts a failed attempt; returns the account's failures in its window. */
export async function recordFailure(em: EntityManager, subjects: SignInSubjects): Promise<number> {
  const counted = await countFailure(em, [subjects.account, subjects.pair], ACCOUNT_WINDOW_SECONDS);
  await countFailure(em, [subjects.address], ADDRESS_WINDOW_SECONDS);
  return counted.find((row) => row.subject === subjects.account)!.failures;
}

/**
 * A right password: this address's failures on the account are forgiven (the owner is back), its
 * failures on other names are not, and neither are the account's (others may still be guessing).
 */
export async function recordSuccess(em: EntityManager, subjects: SignInSubjects): Promise<void> {
  await rowsOf(em, kysely.deleteFrom('sign_in_failures').where('subject', '=', subjects.pair));
  await rowsOf(
    em,
    kysely.deleteFrom('sign_in_failures').where('subject', '=', subjects.address).where('failures', '=', 0),
  );
  await rowsOf(
    em,
    kysely.updateTable('sign_in_failures').set({ busy_until: null }).where('subject', '=', subjects.address),
  );
}

/** Rows whose window has long passed count nothing any more. */
export async function forgetOldFailures(em: EntityManager): Promise<void> {
  await rowsOf(
    em,
    kysely
      .deleteFrom('sign_in_failures')
      .where('window_started_at', '<', sql<Date>`now() - make_interval(secs => ${ACCOUNT_WINDOW_SECONDS})`)
      .where((eb) => eb.or([eb('busy_until', 'is', null), eb('busy_until', '<', sql<Date>`now()`)])),
  );
}
