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
  /** A username being signed in, so its row can be found before anyone is known. */
  login: string | null;
  /** The hash of a refresh token being presented, so its row can be found before anyone is known. */
  refreshToken?: string | null;
}

export const NO_SCOPE: DbScope = {
  parkId: null,
  userId: null,
  districtId: null,
  platform: false,
  login: null,
};

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

/** The settings the row-level security policies read, by name. */
export function scopeSettings(scope: DbScope): Record<string, string> {
  return {
    'app.park_id': scope.parkId ?? '',
    'app.user_id': scope.userId ?? '',
    'app.district_id': scope.districtId ?? '',
    'app.scope': scope.platform ? 'platform' : scope.jobs ? 'jobs' : scope.office ? 'office' : '',
    'app.login': scope.login ?? '',
    'app.refresh_token': scope.refreshToken ?? '',
  };
}

/** Sets the transaction-local settings the policies read (`set_config(..., true)`: never session-wide). */
export async function applyScope(em: EntityManager, scope: DbScope): Promise<void> {
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
 * Runs work in one transaction of the application role with the caller's scope applied, so the
 * database itself keeps each park's rows to that park.
 */
export class TenantDb {
  constructor(readonly dataSource: DataSource) {}

  async run<T>(scope: DbScope | Actor | null, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const resolved = scope && 'username' in scope ? scopeOf(scope) : (scope ?? NO_SCOPE);
    const queryRunner = this.dataSource.createQueryRunner();
    try {
      await startScopedTransaction(queryRunner, resolved);
      const result = await work(queryRunner.manager);
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
}
