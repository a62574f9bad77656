import { isoYear, type DocumentsOfAct, type ParkRules } from '@qifu/domain';
import type { EntityManager } from 'typeorm';
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
  for (const closed of documents.close)
    await em.query(
      `UPDATE case_documents SET done_on = $4, data = data || $5
        WHERE case_id = $1 AND kind = $2 AND ($3::uuid IS NULL OR department_id = $3) AND done_on IS NULL`,
      [caseId, closed.kind, closed.departmentId ?? null, closed.doneOn, JSON.stringify(closed.data)],
    );
  for (const extended of documents.extend)
    await em.query(
      `UPDATE case_documents SET due_on = $3, data = data || jsonb_build_object('extendedFrom', to_char(due_on, 'YYYY-MM-DD'))
        WHERE case_id = $1 AND kind = $2 AND done_on IS NULL`,
      [caseId, extended.kind, extended.dueOn],
    );
  const year = isoYear(today);
  for (const document of documents.issue) {
    const { number } = await takeNumber(em, document.numbering, rules.numbering[document.numbering], year);
    await em.query(
      `INSERT INTO case_documents (case_id, kind, number, department_id, issued_on, due_on, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        caseId,
        document.kind,
        number,
        document.departmentId,
        today,
        document.dueOn,
        JSON.stringify(document.data),
      ],
    );
  }
}
