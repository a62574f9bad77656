import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
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

interface FailureRow {
  subject: string;
  failures: number;
  window_age: number;
  since_last: number | null;
  busy_for: number | null;
}

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
  await em.query(
    `INSERT INTO sign_in_failures (subject) SELECT unnest($1::text[]) ON CONFLICT (subject) DO NOTHING`,
    [lockable],
  );
  const rows = (await em.query(
    `SELECT subject, failures,
            extract(epoch FROM now() - window_started_at)::float8 AS window_age,
            extract(epoch FROM now() - last_failed_at)::float8 AS since_last,
            extract(epoch FROM busy_until - now())::float8 AS busy_for
       FROM sign_in_failures WHERE subject = ANY($1) ORDER BY subject FOR UPDATE`,
    [[subjects.account, ...lockable]],
  )) as FailureRow[];
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
  await em.query(
    `UPDATE sign_in_failures SET busy_until = now() + make_interval(secs => $2) WHERE subject = ANY($1)`,
    [subjects, HOLD_SECONDS],
  );
}

async function countFailure(em: EntityManager, subjects: string[], windowSeconds: number) {
  return (await em.query(
    `INSERT INTO sign_in_failures AS f (subject, failures, window_started_at, last_failed_at)
     SELECT s, 1, now(), now() FROM unnest($1::text[]) AS s ORDER BY s
     ON CONFLICT (subject) DO UPDATE SET
       failures = CASE WHEN f.failures = 0 OR f.window_started_at < now() - make_interval(secs => $2)
                       THEN 1 ELSE f.failures + 1 END,
       window_started_at = CASE WHEN f.failures = 0 OR f.window_started_at < now() - make_interval(secs => $2)
                                THEN now() ELSE f.window_started_at END,
       last_failed_at = now(),
       busy_until = NULL
     RETURNING subject, failures`,
    [subjects, windowSeconds],
  )) as { subject: string; failures: number }[];
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
  await em.query(`DELETE FROM sign_in_failures WHERE subject = $1`, [subjects.pair]);
  await em.query(`DELETE FROM sign_in_failures WHERE subject = $1 AND failures = 0`, [subjects.address]);
  await em.query(`UPDATE sign_in_failures SET busy_until = NULL WHERE subject = $1`, [subjects.address]);
}

/** Rows whose window has long passed count nothing any more. */
export async function forgetOldFailures(em: EntityManager): Promise<void> {
  await em.query(
    `DELETE FROM sign_in_failures
      WHERE window_started_at < now() - make_interval(secs => $1)
        AND (busy_until IS NULL OR busy_until < now())`,
    [ACCOUNT_WINDOW_SECONDS],
  );
}
