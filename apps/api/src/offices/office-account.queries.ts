import type { EntityManager } from 'typeorm';
import type { MeOffice } from '../graphql/models.js';

/** The office a viewer reads for, and where (its own account row: row-level security shows it to it). */
export async function officeAccountOf(em: EntityManager, userId: string): Promise<MeOffice | null> {
  const [row] = (await em.query(
    `SELECT office_code AS code, office_name AS name, park_id AS "parkId", district_id AS "districtId"
       FROM office_accounts WHERE user_id = $1`,
    [userId],
  )) as MeOffice[];
  return row ?? null;
}
