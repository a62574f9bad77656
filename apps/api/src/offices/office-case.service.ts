import {
  CC_OCCASIONS,
  overdueDeadlines,
  withRuleDefaults,
  type CaseState,
  type ParkRules,
} from '@qifu/domain';
import { sql, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { caseReachCondition, caseVisibility, contactAs, maskedEventData } from '../access/case-visibility.js';
import { nationalHolidays, parkCalendar } from '../calendar/national-holidays.js';
import {
  caseDocuments,
  caseTimeline,
  deadlineFacts,
  caseRowOf,
  referralReplyDates,
} from '../cases/case.queries.js';
import type { CaseDocument, CaseEvent } from '../cases/case.models.js';
import { presentDeadline } from '../cases/present-deadline.js';
import { systemClock, todayIn, type Clock } from '../common/clock.js';
import { decodeCursor } from '../common/cursors.js';
import { connectionOf } from '../graphql/connection.js';
import { assertUuid, badInput, forbidden, notFound } from '../common/errors.js';
import { currentRequestId } from '../common/request-store.js';
import type { DB } from '../database/db-types.js';
import type { TenantDb } from '../database/tenant-db.js';
import { caseStatusOf } from '../cases/case.queries.js';
import { kysely, oneOf, rowsOf } from '../database/typed-sql.js';
import type { DepartmentKind } from '../graphql/models.js';
import type { OfficeCase, OfficeCaseConnection, OfficeCaseFilter } from './office.models.js';

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
    const keyword = filter.keyword?.trim();
    // The links are the office's own (their policy); the cases follow them.
    const linksOfCases = kysely
      .selectFrom('office_cases')
      .select((eb) => [
        'case_id',
        sql<Selectable<DB['office_cases']>['handed_over']>`bool_or(handed_over)`.as('handed_over'),
        sql<Selectable<DB['office_cases']>['occasion'][]>`array_agg(DISTINCT occasion ORDER BY occasion)`.as(
          'occasions',
        ),
        eb.fn.max('created_at').as('linked_at'),
      ])
      .groupBy('case_id');
    const overdue = sql<boolean>`COALESCE(c.next_due_on < ${today}::date, false)`;
    const filtered = kysely
      .selectFrom('cases as c')
      .innerJoin(linksOfCases.as('l'), 'l.case_id', 'c.id')
      .leftJoin('parks as p', 'p.id', 'c.park_id')
      .where(caseReachCondition(cases, 'c'))
      .$if(Boolean(keyword), (qb) => {
        const pattern = `%${keyword?.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        return qb.where((eb) =>
          eb.or([
            eb('c.title', 'ilike', pattern),
            eb('c.enterprise_name', 'ilike', pattern),
            eb('c.registration_no', 'ilike', pattern),
          ]),
        );
      })
      .$if(Boolean(filter.statuses?.length), (qb) =>
        qb.where('c.status', '=', (eb) => eb.fn.any(eb.val(filter.statuses ?? []))),
      )
      .$if(filter.handedOver != null, (qb) =>
        qb.where((eb) => (filter.handedOver ? eb.ref('l.handed_over') : eb.not(eb.ref('l.handed_over')))),
      )
      .$if(filter.overdue != null, (qb) => qb.where((eb) => (filter.overdue ? overdue : eb.not(overdue))));
    return this.db.run(actor, async (em) => {
      const [{ total }] = await rowsOf(em, filtered.select(sql<number>`count(*)::int`.as('total')));
      const rows = await rowsOf(
        em,
        filtered
          .$if(cursor !== null, (qb) =>
            qb.where(sql<boolean>`(l.linked_at, c.id) < (${cursor?.[0]}::timestamptz, ${cursor?.[1]}::uuid)`),
          )
          .select([
            'c.id',
            'c.park_id',
            'p.name as park_name',
            'c.registration_no',
            'c.status',
            'c.title',
            'c.enterprise_name',
            'c.reported_at',
            sql<string | null>`to_char(c.next_due_on, 'YYYY-MM-DD')`.as('next_due_on'),
            overdue.as('overdue'),
            'l.handed_over',
            'l.occasions',
            'l.linked_at',
            sql<string>`to_char(l.linked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
              'cursor',
            ),
          ])
          .orderBy('l.linked_at', 'desc')
          .orderBy('c.id', 'desc')
          .limit(first + 1),
      );
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
          status: caseStatusOf(r.status),
          title: r.title,
          enterpriseName: r.enterprise_name,
          reportedAt: r.reported_at,
          nextDueOn: r.next_due_on,
          overdue: r.overdue,
          handedOver: r.handed_over,
          occasions: r.occasions.map((occasion) => oneOf(CC_OCCASIONS, occasion, 'cc occasion')),
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
      const [stored] = await rowsOf(
        em,
        kysely
          .selectFrom('cases as c')
          .selectAll('c')
          .where('c.id', '=', id)
          .where(caseReachCondition(cases, 'c')),
      );
      const row = stored ? caseRowOf(stored) : null;
      // Another office's, another park's, or no case at all: the same answer.
      if (!row) throw notFound('案件 / Case', 'id');
      const rules = await this.rulesOf(em, row.park_id, row.rules_version);
      const calendar = parkCalendar(rules, await nationalHolidays(em));
      const [park] = await rowsOf(
        em,
        kysely.selectFrom('parks').select('name').where('id', '=', row.park_id),
      );
      const departments = (
        await rowsOf(
          em,
          kysely
            .selectFrom('departments')
            .select(['id', 'code', 'name', 'kind', 'active'])
            // As departments_kind_check allows.
            .$narrowType<{ kind: DepartmentKind }>()
            .where('park_id', '=', row.park_id)
            .orderBy('sort_order')
            .orderBy('code'),
        )
      ).map((d) => ({ ...d, headUserId: null }));
      const names = new Map(departments.map((d) => [d.id, d.name]));
      const state = row.state as unknown as CaseState;
      const facts = deadlineFacts(row.deadlines, await referralReplyDates(em, id));
      const links = await rowsOf(
        em,
        kysely
          .selectFrom('office_cases')
          .select([
            'office_code as officeCode',
            'occasion',
            'handed_over as handedOver',
            'created_at as createdAt',
          ])
          .where('case_id', '=', id)
          .orderBy('created_at')
          .orderBy('id'),
      );
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
        links: links.map((link) => ({
          ...link,
          occasion: oneOf(CC_OCCASIONS, link.occasion, 'cc occasion'),
        })),
      };
    });
  }

  /** The rules of the case's own park and version (the office may read several parks' rules). */
  private async rulesOf(em: EntityManager, parkId: string, version: number): Promise<ParkRules> {
    const [found] = await rowsOf(
      em,
      kysely
        .selectFrom('park_rules_versions')
        .select('rules')
        .where('park_id', '=', parkId)
        .where('version', '=', version),
    );
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
    await rowsOf(
      em,
      kysely.insertInto('dashboard_reads').values({
        actor_user_id: actor.userId,
        operation,
        district_id: actor.districtId,
        park_ids: parkIds,
        // Sent as JSON text, as the column's jsonb reads it.
        filter: JSON.stringify(filter),
        request_id: currentRequestId(),
      }),
    );
  }
}
