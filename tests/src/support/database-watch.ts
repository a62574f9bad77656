// Whether a request changed the database: a fingerprint of every table of the public schema, read
// as the owner (row-level security does not apply), taken before and after the request.
//
// Per table: the row count and the newest xmin among its rows. A committed INSERT or UPDATE leaves a
// row version whose xmin is its transaction's id, and a transaction that starts after the "before"
// fingerprint gets an id above every id visible in it, so the newest xmin grows; a DELETE lowers the
// count. A write rolled back leaves only invisible versions, which the owner's SELECT does not see.
// So any committed write of the request moves the fingerprint, even one that stores the same values
// again (a hash of the contents would miss that), and a refusal that rolled everything back does not.
//
// The API also writes on its own, after a change commits: the outbox dispatcher marks the jobs it
// handed over, and the jobs (dashboard refresh, notifications, PDF conversion, deadlines…) write
// their results. Their queue lives in the same database (schema bullmq, not fingerprinted). Rather
// than leave out the tables jobs write (cases and their events among them), a fingerprint also
// records the queue's activity, and `quiet()` waits until nothing is pending: a change seen in a
// window where no job started and the outbox was empty is the request's own.
import type pg from 'pg';
import { ownerClient } from './server.js';

export interface Fingerprint {
  /** Table name → "rows/newest xmin". */
  tables: Map<string, string>;
  /** Jobs of the queue and attempts started: unchanged when no job ran in between. */
  jobs: string;
}

const QUIET_TIMEOUT_MS = 60_000;
const NEXT_XID = `SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS value`;
// The next transaction id and how many were running, as the fingerprint's own snapshot saw them.
const SNAPSHOT = `SELECT '#', pg_snapshot_xmax(s)::text || '/' || (SELECT count(*) FROM pg_snapshot_xip(s)) FROM pg_current_snapshot() s`;

export class DatabaseWatch {
  /** The last fingerprint, reusable while no transaction id has been handed out since. */
  private last: { fingerprint: Fingerprint; nextXid: string } | null = null;

  private constructor(
    private readonly client: pg.Client,
    private readonly sql: string,
  ) {}

  static async open(): Promise<DatabaseWatch> {
    const client = await ownerClient();
    const { rows } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    if (rows.length === 0) throw new Error('the public schema has no tables');
    // Table names come from the catalog, quoted; one round trip for all of them.
    const perTable = rows.map(
      ({ name }) =>
        `SELECT ${client.escapeLiteral(name)} AS name, count(*) || '/' || coalesce(max(xmin::text::bigint), 0) AS value FROM public.${client.escapeIdentifier(name)}`,
    );
    const jobs = `SELECT '' AS name, count(*) || '/' || coalesce(sum(attempts_started), 0) AS value FROM bullmq.job`;
    return new DatabaseWatch(client, [...perTable, jobs, SNAPSHOT].join('\nUNION ALL\n'));
  }

  async fingerprint(): Promise<Fingerprint> {
    // Every write takes a transaction id: while none has been handed out, nothing has changed.
    if (this.last) {
      const { rows } = await this.client.query<{ value: string }>(NEXT_XID);
      if (rows[0].value === this.last.nextXid) return this.last.fingerprint;
    }
    const { rows } = await this.client.query<{ name: string; value: string }>({
      name: 'fingerprint',
      text: this.sql,
    });
    const tables = new Map(
      rows.filter((row) => !['', '#'].includes(row.name)).map((row) => [row.name, row.value]),
    );
    const fingerprint = { tables, jobs: rows.find((row) => row.name === '')!.value };
    // Reusable only if no transaction was running: one that commits later would not change the next id.
    const [nextXid, running] = rows.find((row) => row.name === '#')!.value.split('/');
    this.last = running === '0' ? { fingerprint, nextXid } : null;
    return fingerprint;
  }

  /** Until no outbox row waits for the dispatcher and no job is waiting, due or running. */
  async quiet(): Promise<void> {
    const deadline = Date.now() + QUIET_TIMEOUT_MS;
    for (;;) {
      const { rows } = await this.client.query<{ outbox: number; jobs: number }>(
        `SELECT (SELECT count(*)::int FROM public.outbox WHERE dispatched_at IS NULL) AS outbox,
                (SELECT count(*)::int FROM bullmq.job
                  WHERE state IN ('waiting', 'active')
                     OR (state = 'delayed' AND process_at_ms <= extract(epoch FROM clock_timestamp()) * 1000)) AS jobs`,
      );
      const [{ outbox, jobs }] = rows;
      if (outbox === 0 && jobs === 0) return;
      if (Date.now() > deadline) {
        throw new Error(
          `the API is still busy after ${QUIET_TIMEOUT_MS / 1000} s: ${outbox} outbox rows, ${jobs} jobs`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** The tables whose fingerprint differs, with before → after. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const changed: string[] = [];
  for (const [name, value] of after.tables) {
    const was = before.tables.get(name);
    if (was !== value) changed.push(`${name} ${was ?? 'absent'} → ${value}`);
  }
  for (const name of before.tables.keys()) if (!after.tables.has(name)) changed.push(`${name} dropped`);
  return changed;
}
