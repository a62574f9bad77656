import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import prettier from 'eslint-config-prettier/flat';
import qifu from './tools/eslint-plugin-qifu/no-sql-interpolation.js';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.data/**',
      '**/coverage/**',
      '**/*.d.ts',
      'apps/admin/src/gql/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  // Prettier owns layout (`prettier --check` in CI): the stylistic rules that would argue with it are off.
  prettier,
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
    rules: {
      'no-undef': 'off' /* vue-tsc checks names */,
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    plugins: { '@nx': nx },
    files: ['**/*.ts', '**/*.vue'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            // The domain is plain TypeScript: no framework, no other project.
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: [
                '@nestjs/*',
                'typeorm',
                'graphql',
                'vue',
                'express',
                'pg',
                '@casl/*',
                'bullmq',
              ],
            },
            { sourceTag: 'type:documents', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:api', onlyDependOnLibsWithTags: ['type:domain', 'type:documents'] },
            { sourceTag: 'type:admin', onlyDependOnLibsWithTags: ['type:domain'] },
            {
              sourceTag: 'type:tests',
              onlyDependOnLibsWithTags: ['type:domain', 'type:documents', 'type:api'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
        FormData: 'readonly',
        AbortSignal: 'readonly',
      },
    },
  },
  {
    // SQL by construction (README, "SQL by construction"): the application's SQL text is made of
    // constants and $n placeholders; values are parameters. Text built otherwise only in these
    // vetted helpers, each with the reason it is safe.
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/**/__tests__/**'],
    plugins: { qifu },
    rules: {
      'qifu/no-sql-exception-comments': 'error',
      'qifu/no-sql-interpolation': [
        'error',
        {
          vetted: {
            'apps/api/src/database/migrations/':
              'DDL naming tables, columns and policies from the migrations’ own constants; run by the owner role at deploy, never with request input',
            'apps/api/src/database/tenant-table.ts#enableTenantIsolation':
              'the table name comes from a migration’s constant; the park predicate is the constant CURRENT_PARK',
            'apps/api/src/database/app-role.ts#ensureAppRole':
              'DDL takes no parameters: the role name is a constant, the password (configuration) goes through quoteLiteral',
            'apps/api/src/database/app-role.ts#grantAppRole':
              'DDL takes no parameters: role and database names go through quoteIdent, table names are constants',
            'apps/api/src/database/tenant-db.ts#applyScope':
              'only $n placeholders, one pair per scope setting; the setting values are parameters',
            'apps/api/src/database/typed-sql.ts#rowsOf':
              'SQL compiled by Kysely from the typed builder: identifiers from the generated schema types, every value a $n parameter',
            'apps/api/src/database/typed-sql.ts#rowsOfSql':
              'SQL compiled by Kysely from its sql tag: the text is the literal template, every value a $n parameter',
            'apps/api/src/database/tenant-db.ts#call':
              'the function name from the ScopedFunction union, then only $n placeholders',
            'apps/api/src/database/tenant-db.ts#startScopedTransaction':
              'two statements in one message need the simple protocol (no parameters): setting names are constants, values go through pg.escapeLiteral',
            'apps/api/src/health/health.controller.ts#health':
              'the migrations table name is the constant MIGRATIONS_TABLE',
          },
        },
      ],
    },
  },
);
