import { isoYear, type DocumentsOfAct, type ParkRules } from '@qifu/domain';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Json } from '../database/db-types.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import { takeNumber } from './numbering.js';

/**
 * Writes the documents libs/domain says an act ends, moves and issues (documentsIssuedBy), in that
 * order: each issued one takes the next number of its kind in the park and is dated today.
 */
export async function writeDocumentsOfAct(
  em: EntityManager,
  caseId: string,
  rules: ParkRules,
  today: string,
  documents: DocumentsOfAct,
): Promise<void> {
  for (const closed of documents.close) {
    const departmentId = closed.departmentId ?? null;
    await rowsOf(
      em,
      kysely
        .updateTable('case_documents')
        .set({ done_on: closed.doneOn, data: sql<Json>`data || ${JSON.stringify(closed.data)}` })
        .where('case_id', '=', caseId)
        .where('kind', '=', closed.kind)
        .$if(departmentId !== null, (qb) => qb.where('department_id', '=', departmentId))
        .where('done_on', 'is', null),
    );
  }
  for (const extended of documents.extend)
    await rowsOf(
      em,
      kysely
        .updateTable('case_documents')
        .set({
          due_on: extended.dueOn,
          data: sql<Json>`data || jsonb_build_object('extendedFrom', to_char(due_on, 'YYYY-MM-DD'))`,
        })
        .where('case_id', '=', caseId)
        .where('kind', '=', extended.kind)
        .where('done_on', 'is', null),
    );
  const year = isoYear(today);
  for (const document of documents.issue) {
    const { number } = await takeNumber(em, document.numbering, rules.numbering[document.numbering], year);
    await rowsOf(
      em,
      kysely.insertInto('case_documents').values({
        case_id: caseId,
        kind: document.kind,
        number,
        department_id: document.departmentId,
        issued_on: today,
        due_on: document.dueOn,
        data: JSON.stringify(document.data),
      }),
    );
  }
}
