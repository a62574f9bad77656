import type { EntityManager } from 'typeorm';
import { kysely, rowsOf } from '../database/typed-sql.js';
import type { MeOffice } from '../graphql/models.js';

/** The office a viewer reads for, and where (its own account row: row-level security shows it to it). */
export async function officeAccountOf(em: EntityManager, userId: string): Promise<MeOffice | null> {
  const [row] = await rowsOf(
    em,
    kysely
      .selectFrom('office_accounts')
      .select([
        'office_code as code',
        'office_name as name',
        'park_id as parkId',
        'district_id as districtId',
      ])
      .where('user_id', '=', userId),
  );
  return row ?? null;
}
