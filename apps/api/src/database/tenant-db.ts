import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';

/** The row-level security settings of one transaction. */
export interface DbScope {
  parkId: string | null;
  userId: string | null;
  districtId: string | null;
  /** Platform administration: may read and write the directory of districts and parks. */
  platform: boolean;
  /** A username being signed in, so its row can be found before anyone is known. */
  login: string | null;
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
    'app.scope': scope.platform ? 'platform' : '',
    'app.login': scope.login ?? '',
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

/**
 * Runs work in one transaction of the application role with the caller's scope applied, so the
 * database itself keeps each park's rows to that park.
 */
export class TenantDb {
  constructor(readonly dataSource: DataSource) {}

  run<T>(scope: DbScope | Actor | null, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const resolved = scope && 'username' in scope ? scopeOf(scope) : (scope ?? NO_SCOPE);
    return this.dataSource.transaction(async (em) => {
      await applyScope(em, resolved);
      return work(em);
    });
  }
}
