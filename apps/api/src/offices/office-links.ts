import {
  ccOfficesOn,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type CcOccasion,
  type ParkRules,
} from '@qifu/domain';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Json } from '../database/db-types.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import { notifyAndDeliver } from '../notifications/notify-and-deliver.js';
import type { NotificationService } from '../notifications/notification.service.js';

/** The documents of a case that copy offices, and the occasion each is in the rules' `copiedOn`. */
const OCCASION_OF_DOCUMENT: Record<string, CcOccasion> = {
  REFERRAL_LETTER: 'REFERRAL_LETTER',
  ASSIGNMENT_SHEET: 'ASSIGNMENT_SHEET',
  SUPERVISION_LETTER: 'SUPERVISION_LETTER',
  HANDOVER_LETTER: 'OVERDUE_HANDOVER',
};

/** The codes of the offices the rules copy on a document or event of this case. */
export function copiedOffices(
  rules: ParkRules,
  occasion: CcOccasion,
  state: Pick<CaseState, 'major'>,
): string[] {
  return ccOfficesOn(rules, occasion, { major: state.major }).map((office) => office.code);
}

/** A document's data: an object (its fields), or nothing to read. */
const fieldsOf = (data: Json): Record<string, unknown> =>
  data !== null && typeof data === 'object' && !Array.isArray(data) ? data : {};

const codesIn = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((code): code is string => typeof code === 'string') : [];

/**
 * Links the outside offices to the case for what this act copied or handed over to them: the
 * documents it issued (in this transaction) by the `cc` and addressee they name, the report back
 * of a result, and a split or assisting department's report its tier copies. Each link is what
 * lets the office's viewers read the case; written once.
 */
export async function linkOfficesOfAct(
  em: EntityManager,
  caseId: string,
  rules: ParkRules,
  before: CaseState,
  next: CaseState,
  event: CaseEvent,
): Promise<void> {
  const documents = await rowsOf(
    em,
    kysely
      .selectFrom('case_documents')
      .select(['id', 'kind', 'data'])
      .where('case_id', '=', caseId)
      .where('created_at', '=', sql<Date>`now()`),
  );
  const links: { code: string; occasion: CcOccasion; handedOver: boolean; sourceId: string }[] = [];
  for (const document of documents) {
    const occasion = OCCASION_OF_DOCUMENT[document.kind];
    if (!occasion) continue;
    const data = fieldsOf(document.data);
    for (const code of codesIn(data.cc))
      links.push({ code, occasion, handedOver: false, sourceId: document.id });
    if (typeof data.officeCode === 'string')
      links.push({ code: data.officeCode, occasion, handedOver: true, sourceId: document.id });
  }
  // The report back: a result the service center accepted, or the bureaus' replies all recorded.
  if (next.status === 'RESPONDED' && before.status !== 'RESPONDED')
    for (const code of copiedOffices(rules, 'RESULT_REPORT', next))
      links.push({ code, occasion: 'RESULT_REPORT', handedOver: false, sourceId: `v${next.version}` });
  if (event.type === 'PartReported')
    for (const code of codesIn(event.data.cc))
      links.push({ code, occasion: 'RESULT_REPORT', handedOver: false, sourceId: `v${next.version}` });
  if (links.length === 0) return;
  await rowsOf(
    em,
    kysely
      .insertInto('office_cases')
      .values(
        links.map((l) => ({
          case_id: caseId,
          office_code: l.code,
          occasion: l.occasion,
          handed_over: l.handedOver,
          source_id: l.sourceId,
        })),
      )
      .onConflict((oc) => oc.constraint('office_cases_once').doNothing()),
  );
}

/**
 * Tells the viewers of each office a case was handed over to (those of the park, and of its
 * district), in the act's transaction: once per office and missed deadline, with their e-mails and
 * the park's webhook queued beside.
 */
export async function notifyHandover(
  em: EntityManager,
  notifications: NotificationService,
  caseId: string,
  command: Extract<CaseCommand, { type: 'handOverToOffice' }>,
  event: Record<string, unknown>,
): Promise<void> {
  const officeCodes = codesIn(event.officeCodes);
  const viewers = await rowsOf(
    em,
    kysely
      .selectFrom('office_accounts as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select(['a.user_id', 'a.office_code', 'a.office_name'])
      .where('a.office_code', '=', (eb) => eb.fn.any(eb.val(officeCodes)))
      .where((eb) => eb.ref('u.active'))
      .orderBy('a.created_at'),
  );
  const departments = await rowsOf(
    em,
    kysely
      .selectFrom('departments')
      .select('name')
      .where('id', '=', (eb) => eb.fn.any(sql<string[]>`${codesIn(event.addresseeDepartmentIds)}::uuid[]`))
      .orderBy('sort_order')
      .orderBy('code'),
  );
  for (const code of officeCodes) {
    const recipients = viewers.filter((v) => v.office_code === code);
    if (recipients.length === 0) continue;
    await notifyAndDeliver(em, notifications, {
      kind: 'OFFICE_HANDOVER',
      caseId,
      recipientUserIds: recipients.map((v) => v.user_id),
      key: `handover:${String(event.dueOn)}:${code}`,
      data: {
        officeName: recipients[0].office_name,
        departmentName: departments.map((d) => d.name).join('、'),
        dueOn: event.dueOn,
        stage: event.stage,
        note: command.note ?? '',
      },
    });
  }
}
