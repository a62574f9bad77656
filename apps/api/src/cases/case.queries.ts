import {
  ACT_DOCUMENT_KINDS,
  CASE_STATUSES,
  CLOCK_STAGES,
  DEADLINE_UNITS,
  JURISDICTIONS,
  type CaseStatus,
  type DeadlineExtension,
  type DeadlineFact,
  type DeadlineRecord,
  type Jurisdiction,
} from '@qifu/domain';
import { sql, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { DB, Json } from '../database/db-types.js';
import { kysely, oneOf, rowsOf } from '../database/typed-sql.js';
import type { CaseDocument, CaseEvent } from './case.models.js';

/** A stored deadline of a case, as libs/domain keeps it (the trace is recomputed when shown). */
export type StoredDeadline = DeadlineRecord;

type CaseTable = Selectable<DB['cases']>;

/**
 * A row of `cases` as the service reads it: its status and jurisdiction as the domain names them,
 * its aggregate (`state`) and deadlines decoded from their JSON.
 */
export type CaseRow = Omit<CaseTable, 'status' | 'jurisdiction' | 'state' | 'deadlines'> & {
  status: CaseStatus;
  jurisdiction: Jurisdiction | null;
  state: Record<string, unknown>;
  deadlines: StoredDeadline[];
};

export function caseStatusOf(text: string): CaseStatus {
  return oneOf(CASE_STATUSES, text, 'case status');
}

type JsonRecord = { [key: string]: Json | undefined };

function isRecord(value: Json | undefined): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON object column's value (jsonb written from an object by the code). */
export function jsonObjectOf(value: Json, what: string): JsonRecord {
  if (!isRecord(value)) throw new Error(`${what} is not a JSON object`);
  return value;
}

const text = (value: Json | undefined): string | null => (typeof value === 'string' ? value : null);

function requiredText(record: JsonRecord, key: string): string {
  const value = text(record[key]);
  if (value === null) throw new Error(`stored deadline without ${key}`);
  return value;
}

function extensionOf(value: Json | undefined): DeadlineExtension {
  if (!isRecord(value)) throw new Error('stored deadline extension is not an object');
  return {
    fromDueOn: requiredText(value, 'fromDueOn'),
    toDueOn: requiredText(value, 'toDueOn'),
    reason: requiredText(value, 'reason'),
    requestedOn: requiredText(value, 'requestedOn'),
    decidedOn: requiredText(value, 'decidedOn'),
    decidedByName: text(value.decidedByName),
  };
}

/** The deadlines column (a JSON array of DeadlineRecord, written by writeProjection). */
export function storedDeadlinesOf(value: Json): StoredDeadline[] {
  if (!Array.isArray(value)) throw new Error('stored deadlines are not a JSON array');
  return value.map((entry) => {
    if (!isRecord(entry)) throw new Error('stored deadline is not an object');
    const amount = entry.amount;
    if (typeof amount !== 'number') throw new Error('stored deadline without amount');
    const deadline: StoredDeadline = {
      stage: oneOf(CLOCK_STAGES, requiredText(entry, 'stage'), 'deadline stage'),
      from: requiredText(entry, 'from'),
      dueOn: text(entry.dueOn),
      amount,
      unit: oneOf(DEADLINE_UNITS, requiredText(entry, 'unit'), 'deadline unit'),
      doneOn: text(entry.doneOn),
    };
    // Optional keys stay absent when they were not stored, as libs/domain wrote them.
    if (typeof entry.pendingYear === 'number') deadline.pendingYear = entry.pendingYear;
    if (typeof entry.departmentId === 'string') deadline.departmentId = entry.departmentId;
    if (typeof entry.tierCode === 'string') deadline.tierCode = entry.tierCode;
    if ('originalDueOn' in entry) deadline.originalDueOn = text(entry.originalDueOn);
    const extensions = entry.extensions;
    if (Array.isArray(extensions)) deadline.extensions = extensions.map(extensionOf);
    return deadline;
  });
}

/** A row of `cases` with its stored aggregate and deadlines decoded. */
export function caseRowOf(row: CaseTable): CaseRow {
  return {
    ...row,
    status: caseStatusOf(row.status),
    jurisdiction: row.jurisdiction === null ? null : oneOf(JURISDICTIONS, row.jurisdiction, 'jurisdiction'),
    state: jsonObjectOf(row.state, 'case state'),
    deadlines: storedDeadlinesOf(row.deadlines),
  };
}

/** A referral letter's reply date (Art. 7.2): the bureau it went to, when due, when answered. */
export interface ReferralReplyDate {
  departmentId: string;
  dueOn: string;
  doneOn: string | null;
}

/** The case's referral letters that have a reply date, oldest first. */
export async function referralReplyDates(em: EntityManager, caseId: string): Promise<ReferralReplyDate[]> {
  const rows = await rowsOf(
    em,
    kysely
      .selectFrom('case_documents')
      .select([
        'department_id',
        sql<string>`to_char(due_on, 'YYYY-MM-DD')`.as('dueOn'),
        sql<string | null>`to_char(done_on, 'YYYY-MM-DD')`.as('doneOn'),
      ])
      .where('case_id', '=', caseId)
      .where('kind', '=', 'REFERRAL_LETTER')
      .where('department_id', 'is not', null)
      .where('due_on', 'is not', null)
      .orderBy('created_at')
      .orderBy('number'),
  );
  return rows.flatMap(({ department_id: departmentId, dueOn, doneOn }) =>
    departmentId === null ? [] : [{ departmentId, dueOn, doneOn }],
  );
}

export async function findCaseRow(em: EntityManager, id: string, lock = false): Promise<CaseRow | null> {
  const [row] = await rowsOf(
    em,
    kysely
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', id)
      .$if(lock, (qb) => qb.forUpdate()),
  );
  return row ? caseRowOf(row) : null;
}

/** A case's events `e`, by id as text, with their actor `u` joined. */
export const caseEventsWithActor = () =>
  kysely
    .selectFrom('case_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(sql<string>`e.id::text`.as('id'));

/** A case's documents `c` (id, kind, number) with their department `d` joined. */
export const caseDocumentsWithDepartment = () =>
  kysely
    .selectFrom('case_documents as c')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .select(['c.id', 'c.kind', 'c.number']);

export async function caseTimeline(em: EntityManager, caseId: string): Promise<CaseEvent[]> {
  const rows = await rowsOf(
    em,
    caseEventsWithActor()
      .select([
        'e.case_version',
        'e.type',
        'e.occurred_at',
        'u.display_name',
        'e.actor_role',
        'e.status_before',
        'e.status_after',
        'e.data',
      ])
      .where('e.case_id', '=', caseId)
      .orderBy('e.case_version')
      .orderBy('e.id'),
  );
  return rows.map((row) => ({
    id: row.id,
    caseVersion: row.case_version,
    type: row.type,
    occurredAt: row.occurred_at,
    actorName: row.display_name,
    actorRole: row.actor_role,
    statusBefore: row.status_before === null ? null : caseStatusOf(row.status_before),
    statusAfter: caseStatusOf(row.status_after),
    data: jsonObjectOf(row.data, 'case event data'),
  }));
}

export async function caseDocuments(
  em: EntityManager,
  caseId: string,
  today: string,
): Promise<CaseDocument[]> {
  const rows = await rowsOf(
    em,
    caseDocumentsWithDepartment()
      .select([
        'c.department_id',
        sql<string | null>`COALESCE(d.name, c.data ->> 'officeName')`.as('departmentName'),
        sql<string>`to_char(c.issued_on, 'YYYY-MM-DD')`.as('issuedOn'),
        sql<string | null>`to_char(c.due_on, 'YYYY-MM-DD')`.as('dueOn'),
        sql<string | null>`to_char(c.done_on, 'YYYY-MM-DD')`.as('doneOn'),
        sql<boolean>`(c.due_on IS NOT NULL AND c.done_on IS NULL AND c.due_on < ${today}::date)`.as(
          'overdue',
        ),
        sql<number | null>`CASE WHEN c.due_on IS NULL THEN (c.data ->> 'pendingDeadlineYear')::int END`.as(
          'pendingDeadlineYear',
        ),
        'c.data',
      ])
      .where('c.case_id', '=', caseId)
      .orderBy('c.issued_on')
      .orderBy('c.kind')
      .orderBy('c.number'),
  );
  return rows.map(({ department_id: departmentId, data, kind, ...row }) => ({
    ...row,
    kind: oneOf(ACT_DOCUMENT_KINDS, kind, 'case document kind'),
    departmentId,
    data: jsonObjectOf(data, 'case document data'),
  }));
}

/**
 * What supervision is decided on (Art. 10): the case's stage deadlines (a split or assisting
 * department's clock with its department and tier) and its referral letters' reply dates.
 */
export function deadlineFacts(
  deadlines: readonly StoredDeadline[],
  letters: readonly ReferralReplyDate[],
): DeadlineFact[] {
  return [
    ...deadlines.map((d) => ({
      stage: d.stage as DeadlineFact['stage'],
      from: d.from,
      dueOn: d.dueOn,
      doneOn: d.doneOn,
      departmentId: d.departmentId ?? null,
      ...(d.tierCode ? { tierCode: d.tierCode } : {}),
    })),
    ...letters.map((l) => ({
      stage: 'referralReply' as const,
      dueOn: l.dueOn,
      doneOn: l.doneOn,
      departmentId: l.departmentId,
    })),
  ];
}
