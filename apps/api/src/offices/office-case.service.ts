import { overdueDeadlines, withRuleDefaults, type CaseState, type ParkRules } from '@qifu/domain';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { caseReachSql, caseVisibility, contactAs, maskedEventData } from '../access/case-visibility.js';
import { nationalHolidays, parkCalendar } from '../calendar/national-holidays.js';
import {
  caseDocuments,
  caseTimeline,
  deadlineFacts,
  referralReplyDates,
  type CaseRow,
} from '../cases/case.queries.js';
import type { CaseDocument, CaseEvent } from '../cases/case.models.js';
import { presentDeadline } from '../cases/present-deadline.js';
import { systemClock, todayIn, type Clock } from '../common/clock.js';
import { decodeCursor } from '../common/cursors.js';
import { connectionOf } from '../graphql/connection.js';
import { assertUuid, badInput, forbidden, notFound } from '../common/errors.js';
import { currentRequestId } from '../common/request-store.js';
import type { TenantDb } from '../database/tenant-db.js';
import type { OfficeCase, OfficeCaseFilter, OfficeCaseLink, OfficeCaseConnection } from './office.models.js';

/** What a document or an act may carry that the office does not need: only these data keys are shown. */
const DOCUMENT_KEYS = ['cc', 'officeCode', 'officeName', 'overdueSince', 'stage', 'pendingDeadlineYear'];
// A cursor is when the case last reached the office (to the microsecond) and its id.
const CURSOR = ['datetime', 'uuid'] as const;

/**
 * The office read path: a viewer of an outside office reads the cases copied or handed over to its
 * office, in its park or district. Row-level security (the office policies) decides which rows, and
 * the office reach of case-visibility.ts says the same in each query; this service only shapes them:
 * contacts masked, nothing to act on, every read on the cross-park trail.
 */
export class OfficeCaseService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock = systemClock,
  ) {}

  list(
    actor: Actor,
    filter: OfficeCaseFilter,
    first: number,
    after: string | null,
  ): Promise<OfficeCaseConnection> {
    const { cases } = caseVisibility(actor);
    if (cases.kind !== 'OFFICE') throw forbidden();
    if (!Number.isInteger(first) || first < 1 || first > 200)
      throw badInput([{ path: 'first', message: 'must be between 1 and 200' }]);
    const cursor = after ? decodeCursor(after, CURSOR, 'list') : null;
    const today = todayIn(this.clock);
    return this.db.run(actor, async (em) => {
      const params: unknown[] = [today];
      const param = (value: unknown) => `$${params.push(value)}`;
      const where: string[] = [caseReachSql(cases, param, 'c')];
      if (filter.keyword?.trim()) {
        const pattern = param(`%${filter.keyword.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        where.push(
          `(c.title ILIKE ${pattern} OR c.enterprise_name ILIKE ${pattern} OR c.registration_no ILIKE ${pattern})`,
        );
      }
      if (filter.statuses?.length) where.push(`c.status = ANY(${param(filter.statuses)})`);
      if (filter.handedOver != null) where.push(`${filter.handedOver ? '' : 'NOT '}l.handed_over`);
      if (filter.overdue != null)
        where.push(`${filter.overdue ? '' : 'NOT '}COALESCE(c.next_due_on < $1::date, false)`);
      const filtered = `WHERE ${['$1::date IS NOT NULL', ...where].join(' AND ')}`;
      const countParams = [...params];
      const page = [...where];
      if (cursor)
        page.push(`(l.linked_at, c.id) < (${param(cursor[0])}::timestamptz, ${param(cursor[1])}::uuid)`);
      const limit = param(first + 1);
      // The links are the office's own (their policy); the cases follow them.
      const from = `FROM cases c
        JOIN (SELECT case_id, bool_or(handed_over) AS handed_over, array_agg(DISTINCT occasion ORDER BY occasion) AS occasions,
                     max(created_at) AS linked_at
                FROM office_cases GROUP BY case_id) l ON l.case_id = c.id
        LEFT JOIN parks p ON p.id = c.park_id`;
      const [{ total }] = (await em.query(
        `SELECT count(*)::int AS total ${from} ${filtered}`,
        countParams,
      )) as { total: number }[];
      const rows = (await em.query(
        `SELECT c.id, c.park_id, p.name AS park_name, c.registration_no, c.status, c.title, c.enterprise_name,
                c.reported_at, to_char(c.next_due_on, 'YYYY-MM-DD') AS next_due_on,
                COALESCE(c.next_due_on < $1::date, false) AS overdue, l.handed_over, l.occasions, l.linked_at,
                to_char(l.linked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor
           ${from} ${page.length ? `WHERE ${page.join(' AND ')}` : ''}
          ORDER BY l.linked_at DESC, c.id DESC LIMIT ${limit}`,
        params,
      )) as {
        id: string;
        park_id: string;
        park_name: string | null;
        registration_no: string;
        status: OfficeCase['status'];
        title: string;
        enterprise_name: string;
        reported_at: Date;
        next_due_on: string | null;
        overdue: boolean;
        handed_over: boolean;
        occasions: string[];
        linked_at: Date;
        cursor: string;
      }[];
      await this.recordRead(em, actor, 'officeCases', [...new Set(rows.map((r) => r.park_id))], filter);
      return connectionOf(
        rows,
        first,
        (r) => [r.cursor, r.id],
        (r) => ({
          id: r.id,
          parkId: r.park_id,
          parkName: r.park_name ?? '',
          registrationNo: r.registration_no,
          status: r.status,
          title: r.title,
          enterpriseName: r.enterprise_name,
          reportedAt: r.reported_at,
          nextDueOn: r.next_due_on,
          overdue: r.overdue,
          handedOver: r.handed_over,
          occasions: r.occasions,
          linkedAt: r.linked_at,
        }),
        total,
      );
    });
  }

  get(actor: Actor, id: string): Promise<OfficeCase> {
    const { cases } = caseVisibility(actor);
    if (cases.kind !== 'OFFICE') throw forbidden();
    assertUuid(id, 'id');
    const today = todayIn(this.clock);
    return this.db.run(actor, async (em) => {
      const params: unknown[] = [id];
      const linked = caseReachSql(cases, (value) => `$${params.push(value)}`, 'c');
      const [row] = (await em.query(
        `SELECT c.* FROM cases c WHERE c.id = $1 AND ${linked}`,
        params,
      )) as (CaseRow & {
        park_id: string;
      })[];
      // Another office's, another park's, or no case at all: the same answer.
      if (!row) throw notFound('案件 / Case', 'id');
      const rules = await this.rulesOf(em, row.park_id, row.rules_version);
      const calendar = parkCalendar(rules, await nationalHolidays(em));
      const [park] = (await em.query(`SELECT name FROM parks WHERE id = $1`, [row.park_id])) as {
        name: string;
      }[];
      const departments = (await em.query(
        `SELECT id, code, name, kind, active, NULL AS "headUserId" FROM departments
          WHERE park_id = $1 ORDER BY sort_order, code`,
        [row.park_id],
      )) as OfficeCase['departments'];
      const names = new Map(departments.map((d) => [d.id, d.name]));
      const state = row.state as unknown as CaseState;
      const facts = deadlineFacts(row.deadlines, await referralReplyDates(em, id));
      const links = (await em.query(
        `SELECT office_code AS "officeCode", occasion, handed_over AS "handedOver", created_at AS "createdAt"
           FROM office_cases WHERE case_id = $1 ORDER BY created_at, id`,
        [id],
      )) as OfficeCaseLink[];
      await this.recordRead(em, actor, 'officeCase', [row.park_id], { caseId: id });
      // An office reads contacts masked, in the case and in its acts (case-visibility.ts).
      const contact = contactAs(false, { name: row.contact_name, phone: row.contact_phone });
      return {
        id: row.id,
        parkId: row.park_id,
        parkName: park?.name ?? '',
        registrationNo: row.registration_no,
        status: row.status,
        enterpriseName: row.enterprise_name,
        enterpriseAddress: row.enterprise_address,
        reportedAt: row.reported_at,
        categoryLabel:
          rules.categories.find((c) => c.code === row.category_code)?.labelZh ?? row.category_code,
        contactName: contact.name,
        contactPhone: contact.phone,
        title: row.title,
        description: row.description,
        urgent: row.urgent,
        major: row.major,
        jurisdiction: row.jurisdiction,
        leadDepartmentName: row.lead_department_id ? (names.get(row.lead_department_id) ?? null) : null,
        departmentNames: row.department_ids.map((d) => names.get(d) ?? '').filter(Boolean),
        // Names only: who heads a department is the park's business (headUserId stays null).
        departments,
        deadlines: row.deadlines.map((d) => presentDeadline(d, calendar, today)),
        overdueDeadlines: overdueDeadlines(state, facts, today, rules),
        documents: (await caseDocuments(em, id, today)).map((d): CaseDocument => ({
          ...d,
          data: Object.fromEntries(Object.entries(d.data).filter(([key]) => DOCUMENT_KEYS.includes(key))),
        })),
        timeline: (await caseTimeline(em, id)).map((e): CaseEvent => ({
          ...e,
          data: maskedEventData(e.data),
        })),
        links,
      };
    });
  }

  /** The rules of the case's own park and version (the office may read several parks' rules). */
  private async rulesOf(em: EntityManager, parkId: string, version: number): Promise<ParkRules> {
    const [found] = (await em.query(
      `SELECT rules FROM park_rules_versions WHERE park_id = $1 AND version = $2`,
      [parkId, version],
    )) as { rules: unknown }[];
    if (!found) throw new Error(`park rules version ${version} of ${parkId} is missing`);
    return withRuleDefaults(found.rules) as ParkRules;
  }

  /** On the trail of cross-park reads (as the district dashboards), readable by the platform. */
  private async recordRead(
    em: EntityManager,
    actor: Actor,
    operation: string,
    parkIds: string[],
    filter: object,
  ): Promise<void> {
    await em.query(
      `INSERT INTO dashboard_reads (actor_user_id, operation, district_id, park_ids, filter, request_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [actor.userId, operation, actor.districtId, parkIds, JSON.stringify(filter), currentRequestId()],
    );
  }
}
