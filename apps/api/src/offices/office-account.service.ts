import { randomUUID } from 'node:crypto';
import { occasionsOf, passwordProblems, type ParkRules } from '@qifu/domain';
import { sql, type InferResult } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { recordAudit, recordPlatformAudit } from '../audit/audit.js';
import { hashPassword } from '../auth/passwords.js';
import { forgetSessionAfterCommit } from '../auth/session.queries.js';
import type { SessionStates } from '../auth/session-states.js';
import { assertUuid, badInput, conflictFromUniqueViolation, forbidden, notFound } from '../common/errors.js';
import { Scope, type TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import { parkRulesStore } from '../rules/park-rules.store.js';
import { ACCOUNT_COLUMNS, accountOf } from '../users/user.queries.js';
import type { CreateOfficeAccountInput, OfficeAccount, OutsideOffice } from './office.models.js';

const UNIQUE_FIELDS = { users_username_key: 'username' };

// The accounts row-level security lets the caller see, with their park's or district's name.
const accounts = () =>
  kysely
    .selectFrom('office_accounts as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .leftJoin('parks as p', 'p.id', 'a.park_id')
    .leftJoin('districts as d', 'd.id', 'a.district_id')
    .select([
      ...ACCOUNT_COLUMNS,
      'a.office_code',
      'a.office_name',
      'a.park_id',
      'p.name as park_name',
      'a.district_id',
      'd.name as district_name',
      'a.created_at',
    ]);

type AccountRow = InferResult<ReturnType<typeof accounts>>[number];

function toAccount(row: AccountRow): OfficeAccount {
  return {
    ...accountOf(row),
    officeCode: row.office_code,
    officeName: row.office_name,
    parkId: row.park_id,
    parkName: row.park_name,
    districtId: row.district_id,
    districtName: row.district_name,
    createdAt: row.created_at,
  };
}

function officesOf(rules: ParkRules): OutsideOffice[] {
  return rules.ccOffices.map((office) => ({
    code: office.code,
    name: office.name,
    nameEn: office.nameEn ?? null,
    copiedOn: [...occasionsOf(office)],
  }));
}

/** Where an account reads: its park, or its district (platform only). */
interface Where {
  parkId: string | null;
  districtId: string | null;
}

const isPlatform = (actor: Actor) => actor.platformRole === 'PLATFORM_ADMIN';

/**
 * Accounts of outside offices: a park administrator creates them for their park, the platform for
 * any park or district. Each reads only the cases copied or handed over to its office there (the
 * office read path); it can act on nothing.
 */
export class OfficeAccountService {
  constructor(
    private readonly db: TenantDb,
    private readonly sessions: SessionStates | null = null,
  ) {}

  list(actor: Actor): Promise<OfficeAccount[]> {
    return this.db.run(actor, async (em) => {
      // A park also sees its district's accounts (to notify them); it manages its own only.
      const parkId = isPlatform(actor) ? null : actor.parkId;
      const rows = await rowsOf(
        em,
        accounts()
          .$if(parkId !== null, (qb) => qb.where('a.park_id', '=', parkId))
          .orderBy('a.created_at')
          .orderBy('u.username'),
      );
      return rows.map(toAccount);
    });
  }

  /** The park's (or the district's parks') cc offices an account may be created for. */
  async offices(actor: Actor, where: Partial<Where>): Promise<OutsideOffice[]> {
    return this.officesWhere(await this.where(actor, where));
  }

  async create(actor: Actor, input: CreateOfficeAccountInput): Promise<OfficeAccount> {
    const where = await this.where(actor, input);
    const problems = passwordProblems(input.password).map((message) => ({ path: 'password', message }));
    if (problems.length > 0) throw badInput(problems);
    const office = (await this.officesWhere(where)).find((o) => o.code === input.officeCode);
    if (!office)
      throw badInput([
        {
          path: 'officeCode',
          message: `不是园区规则中的抄送单位 / not a cc office of the park's rules`,
        },
      ]);
    const passwordHash = await hashPassword(input.password);
    const id = randomUUID();
    try {
      return await this.db.run(actor, async (em) => {
        // No RETURNING: the new person is visible to the park only once linked to it.
        await rowsOf(
          em,
          kysely.insertInto('users').values({
            id,
            username: input.username,
            display_name: input.displayName.trim(),
            email: input.email?.trim() || null,
            password_hash: passwordHash,
            platform_role: 'OFFICE_VIEWER',
          }),
        );
        await rowsOf(
          em,
          kysely.insertInto('office_accounts').values({
            user_id: id,
            office_code: office.code,
            office_name: office.name,
            park_id: where.parkId,
            district_id: where.districtId,
            created_by: actor.userId,
          }),
        );
        const created = await this.find(em, id);
        const entry = { action: 'officeAccount.created', subjectType: 'User', subjectId: id, after: created };
        if (isPlatform(actor)) await recordPlatformAudit(em, actor, entry);
        else await recordAudit(em, actor, entry);
        return created;
      });
    } catch (error) {
      throw conflictFromUniqueViolation(error, UNIQUE_FIELDS) ?? error;
    }
  }

  setActive(actor: Actor, userId: string, active: boolean): Promise<OfficeAccount> {
    assertUuid(userId, 'userId');
    return this.db.run(actor, async (em) => {
      const before = await this.find(em, userId).catch(() => null);
      // A park manages the accounts of its own park, not those of its district.
      if (!before || (!isPlatform(actor) && before.parkId !== actor.parkId))
        throw notFound('账号 / Account', 'userId');
      // Switched off, every session ends (the trigger on users).
      await rowsOf(
        em,
        kysely
          .updateTable('users')
          .set({ active, failed_attempts: 0, updated_at: sql<Date>`now()` })
          .where('id', '=', userId),
      );
      forgetSessionAfterCommit(em, this.sessions, userId);
      const after = await this.find(em, userId);
      const entry = {
        action: active ? 'officeAccount.activated' : 'officeAccount.deactivated',
        subjectType: 'User',
        subjectId: userId,
        before,
        after,
      };
      if (isPlatform(actor)) await recordPlatformAudit(em, actor, entry);
      else await recordAudit(em, actor, entry);
      return after;
    });
  }

  private async find(em: EntityManager, userId: string): Promise<OfficeAccount> {
    const [row] = await rowsOf(em, accounts().where('a.user_id', '=', userId));
    if (!row) throw notFound('账号 / Account', 'userId');
    return toAccount(row);
  }

  /**
   * Where the caller may create an account: a park administrator in their own park only; the
   * platform in one park or one district that exists.
   */
  private async where(actor: Actor, given: Partial<Where>): Promise<Where> {
    const parkId = given.parkId ?? null;
    const districtId = given.districtId ?? null;
    if (!isPlatform(actor)) {
      if (districtId || (parkId && parkId !== actor.parkId))
        throw forbidden(
          '园区管理员只能为本园区创建账号 / A park administrator creates accounts for their own park only',
        );
      return { parkId: actor.parkId, districtId: null };
    }
    if ((parkId === null) === (districtId === null))
      throw badInput([
        { path: 'parkId', message: '请指定一个园区或一个区 / give a park or a district (one of them)' },
      ]);
    const [found] = await this.db.run(Scope.platform(), async (em) => {
      if (parkId) return rowsOf(em, kysely.selectFrom('parks').select('id').where('id', '=', parkId));
      return districtId
        ? rowsOf(em, kysely.selectFrom('districts').select('id').where('id', '=', districtId))
        : [];
    });
    if (!found) throw badInput([{ path: parkId ? 'parkId' : 'districtId', message: '不存在 / not found' }]);
    return { parkId, districtId };
  }

  /** The cc offices of the park's latest rules, or of its district's parks (the first name of each). */
  private async officesWhere(where: Where): Promise<OutsideOffice[]> {
    const { districtId } = where;
    const parkIds = where.parkId
      ? [where.parkId]
      : districtId
        ? (
            await this.db.run(Scope.platform(), (em) =>
              rowsOf(
                em,
                kysely.selectFrom('parks').select('id').where('district_id', '=', districtId).orderBy('code'),
              ),
            )
          ).map((p) => p.id)
        : [];
    const offices = new Map<string, OutsideOffice>();
    for (const parkId of parkIds) {
      // Each park's rules are read in that park's own scope.
      const latest = await this.db.run(Scope.park(parkId), (em) => parkRulesStore.latest(em));
      for (const office of latest ? officesOf(latest.rules) : [])
        if (!offices.has(office.code)) offices.set(office.code, office);
    }
    return [...offices.values()];
  }
}
