import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.js';
import { badInput, conflictFromUniqueViolation, notFound } from '../common/errors.js';
import type { TenantDb } from '../database/tenant-db.js';
import type { CreateDepartmentInput, Department, UpdateDepartmentInput } from '../graphql/models.js';
import { findDepartment, listDepartments } from './department.queries.js';

const UNIQUE_FIELDS = { departments_park_code_key: 'code', departments_park_name_key: 'name' };

async function assertHeadInPark(em: EntityManager, headUserId: string): Promise<void> {
  // Only active people of this park can head one of its departments (RLS hides everyone else).
  const rows = (await em.query(`SELECT 1 FROM users WHERE id = $1 AND active AND platform_role IS NULL`, [
    headUserId,
  ])) as unknown[];
  if (rows.length === 0) throw badInput([{ path: 'headUserId', message: 'unknown or inactive user' }]);
}

/** Park departments (部室) and the district bureaus the park refers cases to. */
export class DepartmentService {
  constructor(private readonly db: TenantDb) {}

  list(actor: Actor): Promise<Department[]> {
    return this.db.run(actor, (em) => listDepartments(em));
  }

  async create(actor: Actor, input: CreateDepartmentInput): Promise<Department> {
    try {
      return await this.db.run(actor, async (em) => {
        if (input.headUserId) await assertHeadInPark(em, input.headUserId);
        const [{ id }] = (await em.query(
          `INSERT INTO departments (code, name, kind, head_user_id, sort_order)
           VALUES ($1, $2, $3, $4, (SELECT COALESCE(max(sort_order), 0) + 1 FROM departments)) RETURNING id`,
          [input.code, input.name.trim(), input.kind, input.headUserId ?? null],
        )) as { id: string }[];
        const created = await findDepartment(em, id);
        await recordAudit(em, actor, {
          action: 'department.created',
          subjectType: 'Department',
          subjectId: id,
          after: created,
        });
        return created!;
      });
    } catch (error) {
      throw conflictFromUniqueViolation(error, UNIQUE_FIELDS) ?? error;
    }
  }

  async update(actor: Actor, input: UpdateDepartmentInput): Promise<Department> {
    try {
      return await this.db.run(actor, async (em) => {
        const before = await findDepartment(em, input.id);
        if (!before) throw notFound('部室 / Department', 'id');
        if (input.headUserId) await assertHeadInPark(em, input.headUserId);
        await em.query(
          `UPDATE departments
              SET name = COALESCE($2, name),
                  active = COALESCE($3, active),
                  head_user_id = CASE WHEN $4::boolean THEN $5::uuid ELSE head_user_id END,
                  updated_at = now()
            WHERE id = $1`,
          [
            input.id,
            input.name?.trim() ?? null,
            input.active ?? null,
            input.headUserId !== undefined,
            input.headUserId ?? null,
          ],
        );
        const after = await findDepartment(em, input.id);
        await recordAudit(em, actor, {
          action: 'department.updated',
          subjectType: 'Department',
          subjectId: input.id,
          before,
          after,
        });
        return after!;
      });
    } catch (error) {
      throw conflictFromUniqueViolation(error, UNIQUE_FIELDS) ?? error;
    }
  }
}
