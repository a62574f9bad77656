import pg from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Actor } from '../access/actor.js';

/** The row-level security settings of one transaction. */
export interface DbScope {
  parkId: string | null;
  userId: string | null;
  districtId: string | null;
  /** Platform administration: may read and write the directory of districts and parks. */
  platform: boolean;
  /** The job runner's bookkeeping across parks (the outbox, the list of parks to sweep). */
  jobs?: boolean;
  /** The office read path: an office viewer reads the cases copied or handed over to its office. */
  office?: boolean;
  /** The district read path of the dashboard tables (a district viewer's dashboards). */
  district?: boolean;
  /** The platform's read of the parks' rules for its dashboards (their categories' names). */
  dashboardRead?: boolean;
  /** A username being signed in, so its row can be found before anyone is known. */
  login: string | null;
  /** The hash of a refresh token being presented, so its row can be found before anyone is known. */
  refreshToken?: string | null;
}

const NO_SCOPE: DbScope = {
  parkId: null,
  userId: null,
  districtId: null,
  platform: false,
  login: null,
};

/** The scope of a signed-in person's request: their park, district, office or the platform. */
export function scopeOf(actor: Actor | null): DbScope {
  if (!actor) return NO_SCOPE;
  // Never a park: the office policies, bound to the viewer's own account, are all it reads through.
  if (actor.platformRole === 'OFFICE_VIEWER')
    return { ...NO_SCOPE, userId: actor.userId, districtId: actor.districtId, office: true };
  return {
    parkId: actor.parkId,
    userId: actor.userId,
    districtId: actor.districtId,
    platform: actor.platformRole === 'PLATFORM_ADMIN',
    login: null,
  };
}

/**
 * The named ways into the database: every transaction starts with one of these, and nothing else
 * sets the settings the policies read (database/__tests__/one-way-in.spec.ts checks the source).
 */
export const Scope = {
  /** A signed-in person's request. */
  of: scopeOf,
  /** Nobody yet: public tables only (the national calendar, the migrations' list). */
  anonymous: (): DbScope => NO_SCOPE,
  /** Work inside one park on no one's behalf (a job, a delivery, the seed), or on `userId`'s. */
  park: (parkId: string, extra: { userId?: string | null; districtId?: string | null } = {}): DbScope => ({
    ...NO_SCOPE,
    parkId,
    userId: extra.userId ?? null,
    districtId: extra.districtId ?? null,
  }),
  /** Platform administration (districts, parks, the national calendar, failed jobs). */
  platform: (userId: string | null = null): DbScope => ({ ...NO_SCOPE, userId, platform: true }),
  /** Platform administration inside one park: onboarding it (its administrator, starter rules). */
  platformInPark: (userId: string | null, parkId: string): DbScope => ({
    ...NO_SCOPE,
    userId,
    parkId,
    platform: true,
  }),
  /** The platform's read of its dashboards. */
  platformDashboards: (userId: string): DbScope => ({
    ...NO_SCOPE,
    userId,
    platform: true,
    dashboardRead: true,
  }),
  /** A district viewer's read of its district's dashboards. */
  districtDashboards: (userId: string | null, districtId: string | null): DbScope => ({
    ...NO_SCOPE,
    userId,
    districtId,
    district: true,
  }),
  /** The job runner's bookkeeping across parks (the outbox, the list of parks to sweep). */
  jobs: (): DbScope => ({ ...NO_SCOPE, jobs: true }),
  /** A sign-in: the username's row may be found before anyone is known. */
  signIn: (login: string): DbScope => ({ ...NO_SCOPE, login }),
  /** A refresh token presented (by its hash), once its user is known also theirs. */
  refreshToken: (tokenHash: string, userId: string | null = null): DbScope => ({
    ...NO_SCOPE,
    userId,
    refreshToken: tokenHash,
  }),
  /** A known person whose park is not yet read (issuing their tokens). */
  user: (userId: string, where: { parkId?: string | null; districtId?: string | null } = {}): DbScope => ({
    ...NO_SCOPE,
    userId,
    parkId: where.parkId ?? null,
    districtId: where.districtId ?? null,
  }),
};

/** The settings the row-level security policies read, by name. */
export function scopeSettings(scope: DbScope): Record<string, string> {
  return {
    'app.park_id': scope.parkId ?? '',
    'app.user_id': scope.userId ?? '',
    'app.district_id': scope.districtId ?? '',
    'app.scope': scope.platform
      ? 'platform'
      : scope.jobs
        ? 'jobs'
        : scope.office
          ? 'office'
          : scope.district
            ? 'district'
            : '',
    'app.dashboard_read': scope.dashboardRead ? 'on' : '',
    'app.login': scope.login ?? '',
    'app.refresh_token': scope.refreshToken ?? '',
  };
}

/** Sets the transaction-local settings the policies read (`set_config(..., true)`: never session-wide). */
async function applyScope(em: EntityManager, scope: DbScope): Promise<void> {
  const settings = Object.entries(scopeSettings(scope));
  await em.query(
    `SELECT ${settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`,
    settings.flat(),
  );
}

const afterCommitCallbacks = new WeakMap<EntityManager, (() => void)[]>();

/**
 * Runs `callback` once the transaction of `em` has committed (never when it rolls back): for
 * effects outside the database that must follow the change, such as handing jobs to the queue.
 */
export function afterCommit(em: EntityManager, callback: () => void): void {
  const callbacks = afterCommitCallbacks.get(em);
  if (callbacks) callbacks.push(callback);
  else afterCommitCallbacks.set(em, [callback]);
}

/**
 * Opens a transaction with the scope applied, in one round trip. Two statements in one message need
 * the simple query protocol, which has no parameters: the values go in as escaped literals.
 */
async function startScopedTransaction(queryRunner: QueryRunner, scope: DbScope): Promise<void> {
  const settings = Object.entries(scopeSettings(scope))
    .map(([name, value]) => `set_config(${pg.escapeLiteral(name)}, ${pg.escapeLiteral(value)}, true)`)
    .join(', ');
  await queryRunner.query(`START TRANSACTION; SELECT ${settings}`);
  // What queryRunner.startTransaction() would have recorded, so that commit, rollback and any
  // nested transaction (a savepoint) behave as usual.
  Object.assign(queryRunner, { isTransactionActive: true, transactionDepth: 1 });
}

/**
 * Within a transaction that learns whom it works for (a sign-in finds the user by a token, a park is
 * onboarded into being): moves it to the scope it now knows, for the statements that follow.
 */
export type Rescope = (scope: DbScope) => Promise<void>;

/** SQL functions that apply the scope passed as their first argument themselves (one round trip). */
export type ScopedFunction = 'register_case' | 'registration_context';

/**
 * The only way to the database: work in one transaction of the application role with a scope
 * applied, so the database itself keeps each park's rows to that park.
 */
export class TenantDb {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(
    scope: DbScope | Actor | null,
    work: (em: EntityManager, rescope: Rescope) => Promise<T>,
  ): Promise<T> {
    const resolved = scope && 'username' in scope ? scopeOf(scope) : (scope ?? NO_SCOPE);
    const queryRunner = this.dataSource.createQueryRunner();
    try {
      await startScopedTransaction(queryRunner, resolved);
      const result = await work(queryRunner.manager, (next) => applyScope(queryRunner.manager, next));
      await queryRunner.commitTransaction();
      for (const callback of afterCommitCallbacks.get(queryRunner.manager) ?? []) callback();
      return result;
    } catch (error) {
      // Also when opening failed half-way: the connection goes back to the pool outside any
      // transaction. A failed rollback must not hide the error that caused it.
      await (
        queryRunner.isTransactionActive ? queryRunner.rollbackTransaction() : queryRunner.query('ROLLBACK')
      ).catch(() => undefined);
      throw error;
    } finally {
      await queryRunner.release();
    }
  }

  /**
   * One autocommit call of a function that applies `scope` itself, its first argument (the scope's
   * settings as JSON): the hot path of registration, where a transaction's round trips would cost.
   */
  async call<T>(scope: DbScope | Actor, fn: ScopedFunction, args: unknown[]): Promise<T> {
    const resolved = 'username' in scope ? scopeOf(scope) : scope;
    const params = [JSON.stringify(scopeSettings(resolved)), ...args];
    const placeholders = params.map((_, i) => `$${i + 1}`).join(', ');
    const [row] = (await this.dataSource.query(`SELECT ${fn}(${placeholders}) AS result`, params)) as {
      result: T;
    }[];
    return row.result;
  }

  /** The identity of the database reached, for caches kept per database. */
  get cacheKey(): object {
    return this.dataSource;
  }
}
