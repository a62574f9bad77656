import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type Compilable,
  type InferResult,
} from 'kysely';
import type { EntityManager } from 'typeorm';
import type { DB } from './db-types.js';

/**
 * Queries built against the row types generated from the migrated schema (db-types.ts, `npm run
 * db:types`): a column that does not exist, or a row read as the wrong type, fails to compile. It
 * builds SQL only and never connects: the query runs in the transaction TenantDb opened, under its
 * scope, through `rowsOf`.
 */
export const kysely = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Runs a query built with `kysely` in the transaction of `em`: its rows have the types it selects. */
export async function rowsOf<Q extends Compilable>(em: EntityManager, query: Q): Promise<InferResult<Q>> {
  const { sql, parameters } = query.compile();
  // The one place a query's rows take a type: the one Kysely inferred from the schema and the query.
  return (await em.query(sql, [...parameters])) as InferResult<Q>;
}
