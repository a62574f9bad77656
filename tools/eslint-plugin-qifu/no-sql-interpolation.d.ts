import type { ESLint, Rule } from 'eslint';

declare const plugin: ESLint.Plugin & {
  rules: Record<'no-sql-interpolation' | 'no-sql-exception-comments', Rule.RuleModule>;
};
export default plugin;
