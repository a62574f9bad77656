import { formatNumber, numberingCounterScope, type NumberingRule } from '@qifu/domain';
import type { EntityManager } from 'typeorm';

/**
 * Takes the next number of a document kind in the transaction's park. The counter row stays locked
 * until the transaction ends: concurrent registrations queue on it, and a rollback gives the number
 * back, so numbers are unique and have no gaps.
 */
export async function takeNumber(
  em: EntityManager,
  kind: string,
  rule: NumberingRule,
  year: number,
): Promise<{ number: string; seq: number }> {
  const scope = numberingCounterScope(rule.reset, year);
  const [{ last_value: seq }] = (await em.query(
    `INSERT INTO number_counters (kind, scope, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (park_id, kind, scope) DO UPDATE SET last_value = number_counters.last_value + 1
     RETURNING last_value`,
    [kind, scope],
  )) as { last_value: number }[];
  return { number: formatNumber(rule.format, { year, seq }), seq };
}
