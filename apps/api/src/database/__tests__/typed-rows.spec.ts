import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

// Every query's rows have the type the generated schema gives them: the API runs SQL only through
// rowsOf / rowsOfSql (database/typed-sql.ts), never `em.query` with its rows cast by hand. This reads
// the API's source and names each raw call outside the places that run DDL or set the scope.

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where raw statements stay, and why. */
const RAW_SQL_ALLOWED: Record<string, string> = {
  'database/typed-sql.ts': 'runs what Kysely compiled, typed by the query or the sql tag',
  'database/tenant-db.ts': 'sets the scope of the transaction and calls the scoped SQL functions',
  'database/app-role.ts': 'DDL: the application role and its grants',
  'database/tenant-table.ts': 'DDL: the park policy of a table',
  'database/migrations/': 'DDL at deploy',
  'health/health.controller.ts': 'SELECT 1 and the migrations table, no rows read',
  'bench/': 'the benchmark’s bare server, the baseline the API is measured against',
};

const RAW_QUERY = /\.query\s*[(<]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sourceFiles(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

describe('typed rows', () => {
  it('runs no raw query outside the places that must', () => {
    const found: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const relative = path.relative(SRC, file).split(path.sep).join('/');
      if (Object.keys(RAW_SQL_ALLOWED).some((allowed) => relative.startsWith(allowed))) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (RAW_QUERY.test(line)) found.push(`${relative}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('would notice a raw query', () => {
    const samples = [
      'const rows = (await em.query(`SELECT id FROM cases`)) as { id: string }[];',
      'await this.em.query<{ id: string }[]>(`SELECT 1`);',
      'const [row] = await q.query (`SELECT 1`);',
    ];
    expect(samples.filter((line) => !RAW_QUERY.test(line))).toEqual([]);
  });
});
