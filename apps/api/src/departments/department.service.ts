import type { DepartmentDefinition } from '@qifu/domain';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.js';
import { badInput, conflict, conflictFromUniqueViolation, notFound } from '../common/errors.js';
import type { TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import type { CreateDepartmentInput, Department, UpdateDepartmentInput } from '../graphql/models.js';
import type { ParkRulesService } from '../rules/park-rules.service.js';
import { parkRulesStore } from '../rules/park-rules.store.js';
import { findDepartment, listDepartments } from './department.queries.js';

const UNIQUE_FIELDS = { departments_park_code_key: 'code', departments_park_name_key: 'name' };

async function assertHeadInPark(em: EntityManager, headUserId: string): Promise<void> {
  // Only active people of this park can head one of its departments (RLS hides everyone else, so
  // another park's person is not found, as a mistyped id would be).
  const rows = await rowsOf(
    em,
    kysely
      .selectFrom('users')
      .select((eb) => eb.and([eb.ref('active'), eb('platform_role', 'is', null)]).as('eligible'))
      .where('id', '=', headUserId),
  );
  if (rows.length === 0) throw notFound('用户 / User', 'headUserId');
  if (!rows[0].eligible) throw badInput([{ path: 'headUserId', message: 'inactive user' }]);
}

/**
 * Park departments (部室) and the district bureaus the park refers cases to. The list is part of the
 * park's rules, so adding, renaming or deactivating one publishes a new rules version; heads are
 * people and are kept on the department row only.
 */
export class DepartmentService {
  constructor(
    private readonly db: TenantDb,
    private readonly rules: ParkRulesService,
  ) {}

  list(actor: Actor): Promise<Department[]> {
    return this.db.run(actor, (em) => listDepartments(em));
  }

  async create(actor: Actor, input: CreateDepartmentInput): Promise<Department> {
    try {
      return await this.db.run(actor, async (em) => {
        if (input.headUserId) await assertHeadInPark(em, input.headUserId);
        const clash = await rowsOf(
          em,
          kysely
            .selectFrom('departments')
            .select(['code', 'name'])
            .where((eb) => eb.or([eb('code', '=', input.code), eb('name', '=', input.name.trim())])),
        );
        if (clash.some((row) => row.code === input.code)) throw conflict('code', '已存在 / already exists');
        if (clash.length > 0) throw conflict('name', '已存在 / already exists');
        await this.publishDepartments(
          em,
          actor,
          `新增部室 ${input.name.trim()} / Department added`,
          (list) => [...list, { code: input.code, name: input.name.trim(), kind: input.kind, active: true }],
        );
        const [{ id }] = await rowsOf(
          em,
          kysely.selectFrom('departments').select('id').where('code', '=', input.code),
        );
        if (input.headUserId)
          await rowsOf(
            em,
            kysely.updateTable('departments').set({ head_user_id: input.headUserId }).where('id', '=', id),
          );
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
        const name = input.name?.trim() ?? before.name;
        const active = input.active ?? before.active;
        if (name !== before.name || active !== before.active) {
          await this.publishDepartments(em, actor, `部室变更 ${name} / Department changed`, (list) =>
            list.map((d) => (d.code === before.code ? { ...d, name, active } : d)),
          );
        }
        if (input.headUserId !== undefined) {
          await rowsOf(
            em,
            kysely
              .updateTable('departments')
              .set({ head_user_id: input.headUserId, updated_at: sql`now()` })
              .where('id', '=', input.id),
          );
        }
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

  /** Publishes the latest rules with the department list changed by `change`. */
  private async publishDepartments(
    em: EntityManager,
    actor: Actor,
    note: string,
    change: (departments: DepartmentDefinition[]) => DepartmentDefinition[],
  ): Promise<void> {
    const latest = await parkRulesStore.latest(em);
    if (!latest) throw notFound('园区规则 / Park rules');
    const rules = { ...latest.rules, departments: change(latest.rules.departments) };
    await this.rules.publishWithin(em, actor, rules, { baseVersion: latest.version, note });
  }
}
