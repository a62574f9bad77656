import { fileURLToPath } from 'node:url';
import { describe, it } from '@jest/globals';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
// The lint rule of eslint.config.js (plain JavaScript, beside the repository's tools).
// eslint-disable-next-line @nx/enforce-module-boundaries -- a lint rule of the repository, not a project
import qifu from '../../../../../tools/eslint-plugin-qifu/no-sql-interpolation.js';

RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
// Vetted helpers are named from the repository root.
const file = (name: string) => fileURLToPath(new URL(`../../../../../${name}`, import.meta.url));

describe('SQL by construction', () => {
  tester.run('qifu/no-sql-interpolation', qifu.rules['no-sql-interpolation'], {
    valid: [
      `em.query('SELECT 1')`,
      `em.query(\`SELECT * FROM cases WHERE id = $1\`, [id])`,
      `const TABLE = 'cases'; em.query(\`SELECT * FROM \${TABLE} WHERE id = $1\`, [id])`,
      `const params = []; const param = (v: unknown) => \`$\${params.push(v)}\`;
       em.query(\`SELECT * FROM cases WHERE title = \${param(title)}\`, params)`,
      `for (const table of ['a', 'b']) em.query(\`DELETE FROM \${table} WHERE park_id = $1\`, [id])`,
      `const SORTS = { NEW: { order: 'created_at DESC' } } as const;
       em.query(\`SELECT id FROM cases ORDER BY \${SORTS[input.sort].order}\`)`,
      `em.query(\`SELECT id FROM cases WHERE \${filter.overdue ? '' : 'NOT '}overdue\`)`,
      `const COLUMNS = ['a', 'b']; em.query(\`SELECT \${COLUMNS.join(', ')} FROM t\`)`,
      `const COLUMNS = ['a', 'b']; COLUMNS.map(String); em.query(\`SELECT \${COLUMNS.join(', ')} FROM t\`)`,
      {
        code: `export function grant(role: string) { return db.query(\`GRANT SELECT ON t TO \${role}\`); }`,
        filename: file('apps/x/grants.ts'),
        options: [
          { vetted: { 'apps/x/grants.ts#grant': 'the role name is quoted by quoteIdent beforehand' } },
        ],
      },
    ],
    invalid: [
      {
        code: `em.query(\`SELECT * FROM cases WHERE title = '\${title}'\`)`,
        errors: [{ messageId: 'interpolated', data: { parts: '`title`' } }],
      },
      { code: `dataSource.query('SELECT * FROM t WHERE a = ' + a)`, errors: [{ messageId: 'interpolated' }] },
      {
        code: `function run(sql: string) { return em.query(sql); }`,
        errors: [{ messageId: 'interpolated' }],
      },
      { code: `let t = 'cases'; em.query(\`SELECT * FROM \${t}\`)`, errors: [{ messageId: 'interpolated' }] },
      {
        code: `const where: string[] = []; where.push(input); em.query(\`SELECT 1 WHERE \${where.join(' AND ')}\`)`,
        errors: [{ messageId: 'interpolated' }],
      },
      { code: `const q = \`SELECT \${input.column}\`; em.query(q)`, errors: [{ messageId: 'interpolated' }] },
      {
        code: `const T = { a: 'x' }; T.a = input; em.query(\`SELECT \${T.a}\`)`,
        errors: [{ messageId: 'interpolated' }],
      },
      {
        code: `const T = ['x']; fill(T); em.query(\`SELECT \${T.join(',')}\`)`,
        errors: [{ messageId: 'interpolated' }],
      },
      {
        // Vetted is per function: its neighbour is not.
        code: `export function grant(role: string) { return db.query(\`GRANT SELECT ON t TO \${role}\`); }
               export function revoke(role: string) { return db.query(\`REVOKE SELECT ON t FROM \${role}\`); }`,
        filename: file('apps/x/grants.ts'),
        options: [
          { vetted: { 'apps/x/grants.ts#grant': 'the role name is quoted by quoteIdent beforehand' } },
        ],
        errors: [{ messageId: 'interpolated', line: 2 }],
      },
    ],
  });

  tester.run('qifu/no-sql-exception-comments', qifu.rules['no-sql-exception-comments'], {
    valid: [`// eslint-disable-next-line no-console -- a script\nconsole.log(1)`],
    invalid: [
      {
        code: `// eslint-disable-next-line qifu/no-sql-interpolation -- trust me\nem.query(\`SELECT \${x}\`)`,
        // The first is the linter's own: the disabled rule is not loaded in this test.
        errors: [
          { message: "Definition for rule 'qifu/no-sql-interpolation' was not found." },
          { messageId: 'comment' },
        ],
      },
    ],
  });
});
