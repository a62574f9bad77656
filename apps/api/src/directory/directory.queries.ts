import type { EntityManager } from 'typeorm';
import { kysely, rowsOf } from '../database/typed-sql.js';
import type { District, Park } from '../graphql/models.js';

/**
 * Districts and parks the caller may see, each linked to the other. Row-level security decides what
 * "may see" means (platform: all; district viewer: its district; park staff: their park).
 */
export async function loadDirectory(em: EntityManager): Promise<{ districts: District[]; parks: Park[] }> {
  const districtRows = await rowsOf(
    em,
    kysely.selectFrom('districts').select(['id', 'code', 'name', 'created_at']).orderBy('code'),
  );
  const parkRows = await rowsOf(
    em,
    kysely.selectFrom('parks').select(['id', 'district_id', 'code', 'name', 'created_at']).orderBy('code'),
  );
  const districts = new Map<string, District>(
    districtRows.map((row) => [
      row.id,
      { id: row.id, code: row.code, name: row.name, createdAt: row.created_at, parks: [] },
    ]),
  );
  const parks: Park[] = [];
  for (const row of parkRows) {
    const district = districts.get(row.district_id);
    if (!district) continue; // A park whose district the caller cannot see is not theirs to list.
    const park: Park = {
      id: row.id,
      code: row.code,
      name: row.name,
      districtId: row.district_id,
      district,
      createdAt: row.created_at,
    };
    district.parks.push(park);
    parks.push(park);
  }
  return { districts: [...districts.values()], parks };
}
