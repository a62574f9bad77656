import { formatNumber, numberingCounterScope, type NumberingRule } from '@qifu/domain';
import type { EntityManager } from 'typeorm';
import { kysely, rowsOf } from '../database/typed-sql.js';

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
  const [{ last_value: seq }] = await rowsOf(
    em,
    kysely
      .insertInto('number_counters')
      .values({ kind, scope, last_value: 1 })
      .onConflict((oc) =>
        oc
          .columns(['park_id', 'kind', 'scope'])
          .doUpdateSet({ last_value: (eb) => eb('number_counters.last_value', '+', 1) }),
      )
      .returning('last_value'),
  );
  return { number: formatNumber(rule.format, { year, seq }), seq };
}
