import { validateCreditCode } from '@qifu/domain';
import { sql, type InferResult, type SqlBool } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.js';
import { badInput, conflictFromUniqueViolation, notFound, type FieldProblem } from '../common/errors.js';
import type { TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import { assertParkDepartment } from '../departments/department.queries.js';
import { findParkUser } from '../users/user.queries.js';
import type { Enterprise, SaveEnterpriseInput, SetEnterpriseLinkInput } from './enterprise.models.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from '../common/safe-zip.js';
import { enterprisesFromCsv, enterprisesFromXlsx, type ImportedEnterprise } from './enterprise-import.js';
import {
  linkProblems,
  resolveImportedLinks,
  writeLink,
  type EnterpriseLinkValues,
} from './enterprise-link.js';

/** The link as the audit trail records it: ids with the names they had then. */
const linkOf = (e: Enterprise) => ({
  linkedDepartmentId: e.linkedDepartmentId,
  linkedDepartmentName: e.linkedDepartmentName,
  linkedCadreUserId: e.linkedCadreUserId,
  linkedCadreName: e.linkedCadreName,
  linkedCadrePhone: e.linkedCadrePhone,
});

// The enterprise `e` with the names of its linked department and cadre.
const enterprises = () =>
  kysely
    .selectFrom('enterprises as e')
    .leftJoin('departments as d', 'd.id', 'e.linked_department_id')
    .leftJoin('users as u', 'u.id', 'e.linked_cadre_user_id')
    .select([
      'e.id',
      'e.credit_code',
      'e.name',
      'e.address',
      'e.contact_name',
      'e.contact_phone',
      'e.operating',
      'e.linked_department_id',
      'd.name as linked_department_name',
      'e.linked_cadre_user_id',
      'u.display_name as linked_cadre_name',
      'e.linked_cadre_phone',
    ]);

function toEnterprise(row: InferResult<ReturnType<typeof enterprises>>[number]): Enterprise {
  return {
    id: row.id,
    creditCode: row.credit_code,
    name: row.name,
    address: row.address,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    operating: row.operating,
    linkedDepartmentId: row.linked_department_id,
    linkedDepartmentName: row.linked_department_name,
    linkedCadreUserId: row.linked_cadre_user_id,
    linkedCadreName: row.linked_cadre_name,
    linkedCadrePhone: row.linked_cadre_phone,
  };
}

export async function findEnterprise(em: EntityManager, id: string): Promise<Enterprise | null> {
  const rows = await rowsOf(em, enterprises().where('e.id', '=', id));
  return rows[0] ? toEnterprise(rows[0]) : null;
}

export async function findEnterpriseByCreditCode(
  em: EntityManager,
  creditCode: string,
): Promise<Enterprise | null> {
  const rows = await rowsOf(em, enterprises().where('e.credit_code', '=', creditCode));
  return rows[0] ? toEnterprise(rows[0]) : null;
}

/** Checks an enterprise's fields; problems are named by `prefix` + field (for row-by-row imports). */
export function enterpriseProblems(input: SaveEnterpriseInput, prefix = ''): FieldProblem[] {
  const check = validateCreditCode(input.creditCode);
  return check.ok ? [] : [{ path: `${prefix}creditCode`, message: check.message }];
}

/** What `link` leaves out, the enterprise keeps (saveEnterprise, a file without link columns). */
async function upsertEnterprise(
  em: EntityManager,
  actor: Actor,
  input: SaveEnterpriseInput,
  link: Partial<EnterpriseLinkValues> = {},
): Promise<Enterprise> {
  const before = await findEnterpriseByCreditCode(em, input.creditCode);
  const [{ id }] = await rowsOf(
    em,
    kysely
      .insertInto('enterprises')
      .values({
        credit_code: input.creditCode,
        name: input.name.trim(),
        address: input.address?.trim() ?? '',
        contact_name: input.contactName?.trim() || null,
        contact_phone: input.contactPhone?.trim() || null,
        operating: input.operating ?? true,
      })
      .onConflict((conflict) =>
        conflict.columns(['park_id', 'credit_code']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          address: eb.ref('excluded.address'),
          contact_name: eb.ref('excluded.contact_name'),
          contact_phone: eb.ref('excluded.contact_phone'),
          operating: eb.ref('excluded.operating'),
          updated_at: sql`now()`,
        })),
      )
      .returning('id'),
  );
  if (Object.keys(link).length > 0)
    await writeLink(em, id, {
      departmentId: before?.linkedDepartmentId ?? null,
      cadreUserId: before?.linkedCadreUserId ?? null,
      cadrePhone: before?.linkedCadrePhone ?? null,
      ...link,
    });
  const after = (await findEnterprise(em, id))!;
  await recordAudit(em, actor, {
    action: before ? 'enterprise.updated' : 'enterprise.registered',
    subjectType: 'Enterprise',
    subjectId: after.id,
    before,
    after,
  });
  return after;
}

/** The park's register of enterprises (Art. 2: only they may report difficulties). */
export class EnterpriseService {
  constructor(
    private readonly db: TenantDb,
    private readonly zipLimits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {}

  search(
    actor: Actor,
    keyword: string | null,
    limit: number,
    offset = 0,
  ): Promise<{ items: Enterprise[]; totalCount: number }> {
    const words = keyword?.trim() || null;
    // By name, or the exact credit code; the same condition for the page and its total.
    const matches =
      words === null
        ? sql<SqlBool>`TRUE`
        : sql<SqlBool>`(${sql.ref('e.name')} ILIKE '%' || ${words} || '%' OR ${sql.ref('e.credit_code')} = upper(${words}))`;
    return this.db.run(actor, async (em) => {
      const rows = await rowsOf(
        em,
        enterprises()
          .where(matches)
          .orderBy('e.name')
          .orderBy('e.id')
          .limit(Math.min(Math.max(limit, 1), 200))
          .offset(offset),
      );
      const [{ count }] = await rowsOf(
        em,
        kysely
          .selectFrom('enterprises as e')
          .select(sql<number>`count(*)::int`.as('count'))
          .where(matches),
      );
      return { items: rows.map(toEnterprise), totalCount: count };
    });
  }

  /** All rows or none: one transaction, and every row checked before the first is written. */
  importCsv(actor: Actor, csv: string): Promise<number> {
    return this.importAll(actor, enterprisesFromCsv(csv));
  }

  async importXlsx(actor: Actor, file: Buffer): Promise<number> {
    return this.importAll(actor, await enterprisesFromXlsx(file, this.zipLimits));
  }

  private async importAll(actor: Actor, rows: ImportedEnterprise[]): Promise<number> {
    await this.db.run(actor, async (em) => {
      // The links' codes and usernames are checked, all rows at once, before the first is written.
      const linked = rows.flatMap((row, i) => (row.link ? [{ line: i + 2, link: row.link }] : []));
      const { links, problems } = await resolveImportedLinks(em, actor.parkId!, linked);
      if (problems.length > 0) throw badInput(problems.slice(0, 100));
      for (const [i, row] of rows.entries()) await upsertEnterprise(em, actor, row.input, links.get(i + 2));
    });
    return rows.length;
  }

  /** 挂钩联系: sets (or clears) the enterprise's linked department and cadre, on the audit trail. */
  async setLink(actor: Actor, input: SetEnterpriseLinkInput): Promise<Enterprise> {
    const link: EnterpriseLinkValues = {
      departmentId: input.linkedDepartmentId ?? null,
      cadreUserId: input.linkedCadreUserId ?? null,
      cadrePhone: input.linkedCadrePhone?.trim() || null,
    };
    return this.db.run(actor, async (em) => {
      const before = await findEnterprise(em, input.enterpriseId);
      if (!before) throw notFound('企业 / Enterprise', 'enterpriseId');
      // Another park's department or person reads as none at all (row-level security): not found.
      await assertParkDepartment(em, link.departmentId, 'linkedDepartmentId');
      if (link.cadreUserId && !(await findParkUser(em, link.cadreUserId)))
        throw notFound('用户 / User', 'linkedCadreUserId');
      const problems = await linkProblems(em, actor.parkId!, link);
      if (problems.length > 0) throw badInput(problems);
      await writeLink(em, before.id, link);
      const after = (await findEnterprise(em, before.id))!;
      await recordAudit(em, actor, {
        action: 'enterprise.linked',
        subjectType: 'Enterprise',
        subjectId: before.id,
        before: linkOf(before),
        after: linkOf(after),
      });
      return after;
    });
  }

  async save(actor: Actor, input: SaveEnterpriseInput): Promise<Enterprise> {
    const problems = enterpriseProblems(input);
    if (problems.length > 0) throw badInput(problems);
    try {
      return await this.db.run(actor, async (em) => {
        return upsertEnterprise(em, actor, input);
      });
    } catch (error) {
      throw conflictFromUniqueViolation(error, { enterprises_park_credit_code_key: 'creditCode' }) ?? error;
    }
  }
}
