import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

// TenantDb.run (and its one-statement sibling, call) with a named Scope is the only way to the
// database: row-level security binds what runs there only if nothing else sets the scope, opens a
// transaction or holds a connection. This reads the API's source and fails on a side entrance.

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the data source is made and handed to TenantDb: the processes' composition roots. */
const ROOTS = new Set(['main.ts', 'worker.ts', 'cli.ts', 'app.module.ts', 'server/create-server.ts']);

const SIDE_ENTRANCES: [RegExp, string][] = [
  [/from 'pg'/, 'a connection of its own (pg)'],
  [/\bDataSource\b|\bappDataSource\b/, 'the data source'],
  [
    /\bcreateQueryRunner\b|\.connection\.|\bgetRepository\b|\bcreateQueryBuilder\b/,
    'a connection outside TenantDb',
  ],
  [/\bnew TenantDb\(/, 'a TenantDb of its own'],
  [/set_config\(\s*'app\.|SET (LOCAL )?app\./i, 'a scope setting set by hand'],
  [/\bscopeSettings\(|\.\.\.\s*scopeOf\(/, 'a scope built by hand'],
  [/`\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT)\b/i, 'a transaction controlled by hand'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sourceFiles(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

describe('one way into the database', () => {
  it('has no side entrance outside database/ and the composition roots', () => {
    const found: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const relative = path.relative(SRC, file).split(path.sep).join('/');
      if (relative.startsWith('database/') || relative.startsWith('bench/')) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, index) => {
        for (const [pattern, what] of SIDE_ENTRANCES) {
          if (ROOTS.has(relative) && (what === 'the data source' || what === 'a TenantDb of its own'))
            continue;
          if (pattern.test(line)) found.push(`${relative}:${index + 1}: ${what}: ${line.trim()}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it('would notice each kind of side entrance', () => {
    const samples = [
      `import pg from 'pg';`,
      `constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}`,
      `const runner = this.dataSource.createQueryRunner();`,
      `await em.connection.query('SELECT 1');`,
      `const db = new TenantDb(source);`,
      "await em.query(`SELECT set_config('app.park_id', $1, true)`, [id]);",
      "await em.query(`SET LOCAL app.scope = 'platform'`);",
      `db.run({ ...scopeOf(actor), parkId }, work);`,
      'await em.query(`START TRANSACTION`);',
    ];
    expect(samples.filter((line) => !SIDE_ENTRANCES.some(([pattern]) => pattern.test(line)))).toEqual([]);
  });
});
