import { validateCreditCode } from '@qifu/domain';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.js';
import { badInput, conflictFromUniqueViolation, type FieldProblem } from '../common/errors.js';
import type { TenantDb } from '../database/tenant-db.js';
import type { Enterprise, EnterpriseInput } from './enterprise.models.js';
import { enterprisesFromCsv, enterprisesFromXlsx } from './enterprise-import.js';

interface EnterpriseRow {
  id: string;
  credit_code: string;
  name: string;
  address: string;
  contact_name: string | null;
  contact_phone: string | null;
  operating: boolean;
}

const COLUMNS = `id, credit_code, name, address, contact_name, contact_phone, operating`;

function toEnterprise(row: EnterpriseRow): Enterprise {
  return {
    id: row.id,
    creditCode: row.credit_code,
    name: row.name,
    address: row.address,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    operating: row.operating,
  };
}

export async function findEnterprise(em: EntityManager, id: string): Promise<Enterprise | null> {
  const rows: EnterpriseRow[] = await em.query(`SELECT ${COLUMNS} FROM enterprises WHERE id = $1`, [id]);
  return rows[0] ? toEnterprise(rows[0]) : null;
}

export async function findEnterpriseByCreditCode(
  em: EntityManager,
  creditCode: string,
): Promise<Enterprise | null> {
  const rows: EnterpriseRow[] = await em.query(`SELECT ${COLUMNS} FROM enterprises WHERE credit_code = $1`, [
    creditCode,
  ]);
  return rows[0] ? toEnterprise(rows[0]) : null;
}

/** Checks an enterprise's fields; problems are named by `prefix` + field (for row-by-row imports). */
export function enterpriseProblems(input: EnterpriseInput, prefix = ''): FieldProblem[] {
  const check = validateCreditCode(input.creditCode);
  return check.ok ? [] : [{ path: `${prefix}creditCode`, message: check.message }];
}

async function upsertEnterprise(
  em: EntityManager,
  actor: Actor,
  input: EnterpriseInput,
): Promise<Enterprise> {
  const before = await findEnterpriseByCreditCode(em, input.creditCode);
  const [row] = (await em.query(
    `INSERT INTO enterprises (credit_code, name, address, contact_name, contact_phone, operating)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (park_id, credit_code) DO UPDATE
        SET name = EXCLUDED.name, address = EXCLUDED.address, contact_name = EXCLUDED.contact_name,
            contact_phone = EXCLUDED.contact_phone, operating = EXCLUDED.operating, updated_at = now()
     RETURNING ${COLUMNS}`,
    [
      input.creditCode,
      input.name.trim(),
      input.address?.trim() ?? '',
      input.contactName?.trim() || null,
      input.contactPhone?.trim() || null,
      input.operating ?? true,
    ],
  )) as EnterpriseRow[];
  const after = toEnterprise(row);
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
  constructor(private readonly db: TenantDb) {}

  search(actor: Actor, keyword: string | null, limit: number): Promise<Enterprise[]> {
    return this.db.run(actor, async (em) => {
      const rows: EnterpriseRow[] = await em.query(
        `SELECT ${COLUMNS} FROM enterprises
          WHERE $1::text IS NULL OR name ILIKE '%' || $1 || '%' OR credit_code = upper($1)
          ORDER BY name LIMIT $2`,
        [keyword?.trim() || null, Math.min(Math.max(limit, 1), 200)],
      );
      return rows.map(toEnterprise);
    });
  }

  /** All rows or none: one transaction, and every row checked before the first is written. */
  importCsv(actor: Actor, csv: string): Promise<number> {
    return this.importAll(actor, enterprisesFromCsv(csv));
  }

  async importXlsx(actor: Actor, file: Buffer): Promise<number> {
    return this.importAll(actor, await enterprisesFromXlsx(file));
  }

  private async importAll(actor: Actor, inputs: EnterpriseInput[]): Promise<number> {
    await this.db.run(actor, async (em) => {
      for (const input of inputs) await upsertEnterprise(em, actor, input);
    });
    return inputs.length;
  }

  async save(actor: Actor, input: EnterpriseInput): Promise<Enterprise> {
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
