import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type Compilable,
  type InferResult,
  type RawBuilder,
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
  return rowsIn(await em.query(sql, [...parameters])) as InferResult<Q>;
}

/**
 * Runs hand-written SQL kept where the builder cannot say it as well (the hot reads, window
 * functions, the SQL functions): Kysely's `sql` tag makes every value a `$n` parameter, and the
 * row type named in `sql<Row>` is built from the generated table types (`Selectable<DB['cases']>`
 * picks), so a renamed or retyped column still fails to compile.
 */
export async function rowsOfSql<Row>(em: EntityManager, query: RawBuilder<Row>): Promise<Row[]> {
  const { sql, parameters } = query.compile(kysely);
  return rowsIn(await em.query(sql, [...parameters])) as Row[];
}

/**
 * TypeORM answers an UPDATE or DELETE with `[rows, affected count]` and every other statement with
 * its rows; rows are objects, never arrays, so a first element that is an array is that pair.
 */
function rowsIn(result: unknown): unknown {
  return Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result;
}

/**
 * The stored text of a column no CHECK constrains (the API writes only `values` to it) as one of
 * `values`; anything else is a row this version cannot read.
 */
export function oneOf<T extends string>(values: readonly T[], text: string, what: string): T {
  const found = values.find((value) => value === text);
  if (found === undefined) throw new Error(`unknown ${what} ${JSON.stringify(text)}`);
  return found;
}
