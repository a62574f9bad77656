import { passwordProblems } from '@qifu/domain';
import type { Actor } from '../access/actor.js';
import { recordAudit, recordPlatformAudit } from '../audit/audit.js';
import { hashPassword } from '../auth/passwords.js';
import { badInput, conflictFromUniqueViolation } from '../common/errors.js';
import { Scope, type TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import type { CreateDistrictInput, CreateParkInput, District, Park } from '../graphql/models.js';
import { loadDirectory } from './directory.queries.js';
import { loadParkConfig } from '../rules/park-config-files.js';
import type { ParkRulesService } from '../rules/park-rules.service.js';
import {
  parkSharingSecretNames,
  sharedSecretNamesMessage,
  withoutWebhook,
} from '../rules/webhook-secret-scope.js';

const UNIQUE_FIELDS = {
  districts_code_key: 'code',
  districts_name_key: 'name',
  parks_code_key: 'code',
  parks_name_key: 'name',
  users_username_key: 'adminUsername',
};

/** The platform's directory: districts and the parks (tenants) in them. */
export class DirectoryService {
  constructor(
    private readonly db: TenantDb,
    private readonly rules: ParkRulesService,
  ) {}

  districts(actor: Actor): Promise<District[]> {
    return this.db.run(actor, async (em) => (await loadDirectory(em)).districts);
  }

  parks(actor: Actor): Promise<Park[]> {
    return this.db.run(actor, async (em) => (await loadDirectory(em)).parks);
  }

  async createDistrict(actor: Actor, input: CreateDistrictInput): Promise<District> {
    try {
      return await this.db.run(actor, async (em) => {
        const [row] = await rowsOf(
          em,
          kysely
            .insertInto('districts')
            .values({ code: input.code, name: input.name.trim() })
            .returning(['id', 'code', 'name', 'created_at']),
        );
        await recordPlatformAudit(em, actor, {
          action: 'district.created',
          subjectType: 'District',
          subjectId: row.id,
          after: { code: row.code, name: row.name },
        });
        return { id: row.id, code: row.code, name: row.name, createdAt: row.created_at, parks: [] };
      });
    } catch (error) {
      throw conflictFromUniqueViolation(error, UNIQUE_FIELDS) ?? error;
    }
  }

  /** Onboards a park: the tenant row and its first park administrator, atomically. */
  async createPark(actor: Actor, input: CreateParkInput): Promise<Park> {
    const problems = passwordProblems(input.adminPassword);
    if (problems.length > 0) {
      throw badInput(problems.map((message) => ({ path: 'adminPassword', message })));
    }
    const passwordHash = await hashPassword(input.adminPassword);
    try {
      return await this.db.run(actor, async (em, rescope) => {
        const [district] = await rowsOf(
          em,
          kysely.selectFrom('districts').select('id').where('id', '=', input.districtId),
        );
        if (!district) throw badInput([{ path: 'districtId', message: 'unknown district' }]);
        const sharing = await parkSharingSecretNames(em, input.code);
        if (sharing) throw badInput([{ path: 'code', message: sharedSecretNamesMessage(sharing) }]);
        const [park] = await rowsOf(
          em,
          kysely
            .insertInto('parks')
            .values({ district_id: input.districtId, code: input.code, name: input.name.trim() })
            .returning('id'),
        );
        await recordPlatformAudit(em, actor, {
          action: 'park.created',
          subjectType: 'Park',
          subjectId: park.id,
          after: { code: input.code, name: input.name, districtId: input.districtId },
        });

        // From here on the transaction works inside the new park, as its tenant rows require.
        await rescope(Scope.platformInPark(actor.userId, park.id));
        const [admin] = await rowsOf(
          em,
          kysely
            .insertInto('users')
            .values({
              username: input.adminUsername,
              display_name: input.adminDisplayName.trim(),
              password_hash: passwordHash,
              home_park_id: park.id,
            })
            .returning('id'),
        );
        await rowsOf(
          em,
          kysely.insertInto('role_assignments').values({ user_id: admin.id, role: 'PARK_ADMIN' }),
        );
        await recordAudit(em, actor, {
          action: 'park.onboarded',
          subjectType: 'Park',
          subjectId: park.id,
          after: { adminUsername: input.adminUsername, adminUserId: admin.id },
        });
        // A new park starts from the reference rulebook; its admin adapts it before registering cases.
        await this.rules.publishWithin(em, actor, withoutWebhook(loadParkConfig('zhengyang').rules), {
          baseVersion: 0,
          note: '初始规则（以正阳园区规则为模板）/ Starter rules (Zhengyang template)',
        });
        await rescope(Scope.of(actor));
        const created = (await loadDirectory(em)).parks.find((p) => p.id === park.id);
        if (!created) throw new Error('created park is not visible to its creator');
        return created;
      });
    } catch (error) {
      throw conflictFromUniqueViolation(error, UNIQUE_FIELDS) ?? error;
    }
  }
}
