import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from './config/config.js';
import { appDataSource, migrate, prepareDatabase } from './database/data-sources.js';
import { TenantDb } from './database/tenant-db.js';
import { printSchema } from './graphql/print-schema.js';
import { readParkConfigFile } from './rules/park-config-files.js';
import { exportParkConfig, importParkConfig } from './rules/park-import.js';
import { ParkRulesService } from './rules/park-rules.service.js';
import { describeSharedSecretNames, parksSharingSecretNames } from './rules/webhook-secret-scope.js';
import { seedDemo } from './seed/demo-seed.js';

const USAGE = `usage: node dist/cli.js <command>
  migrate          run pending migrations (DATABASE_URL) and refresh the app role's grants
  seed             migrate, then seed the Zhengyang demo park and accounts
  park import <file>   onboard or update a park from its configuration file (idempotent)
  park export <code>   print a park's configuration (identity and latest rules) as YAML
  park check       list parks whose webhook secret names coincide; exits 1 if there are any
  schema <file>    write the GraphQL schema (SDL) to <file>`;

async function run(command: string | undefined, args: string[]): Promise<void> {
  switch (command) {
    case 'migrate': {
      const ran = await migrate(loadConfig({ JWT_SECRET: 'x'.repeat(32), ...process.env }).DATABASE_URL);
      console.log(ran.length > 0 ? `applied: ${ran.join(', ')}` : 'database is up to date');
      return;
    }
    case 'seed': {
      const config = loadConfig({ JWT_SECRET: 'x'.repeat(32), ...process.env });
      const { appUrl } = await prepareDatabase(config, { appRolePassword: 'keep' });
      const dataSource = appDataSource(appUrl, 2);
      await dataSource.initialize();
      try {
        const { accounts } = await seedDemo(new TenantDb(dataSource));
        console.log(`seeded ${accounts.length} demo accounts`);
      } finally {
        await dataSource.destroy();
      }
      return;
    }
    case 'park': {
      const [action, target] = args;
      if (!(action === 'check' || (['import', 'export'].includes(action) && target)))
        throw new ConfigError(USAGE);
      const config = loadConfig({ JWT_SECRET: 'x'.repeat(32), ...process.env });
      const { appUrl } = await prepareDatabase(config, { appRolePassword: 'keep' });
      const dataSource = appDataSource(appUrl, 2);
      await dataSource.initialize();
      const db = new TenantDb(dataSource);
      try {
        if (action === 'check') {
          const shared = await parksSharingSecretNames(db);
          for (const pair of shared) console.log(describeSharedSecretNames(pair));
          if (shared.length === 0) console.log('no two parks share webhook secret names');
          else {
            console.error(`${shared.length} pair(s) of parks share webhook secret names`);
            process.exitCode = 1;
          }
          return;
        }
        if (action === 'export') {
          process.stdout.write(await exportParkConfig(db, target));
          return;
        }
        const webhookAllowedNetworks = config.WEBHOOK_ALLOWED_NETWORKS;
        const parkConfig = readParkConfigFile(path.resolve(target), { webhookAllowedNetworks });
        const rules = new ParkRulesService(db, { webhookAllowedNetworks });
        const result = await importParkConfig(db, rules, parkConfig);
        console.log(
          `${parkConfig.park.code}: ${result.createdPark ? 'park created, ' : ''}` +
            (result.published
              ? `rules version ${result.version} published` +
                (result.version > 1 ? ` (${result.changes} changes)` : '')
              : `rules unchanged (version ${result.version})`),
        );
      } finally {
        await dataSource.destroy();
      }
      return;
    }
    case 'schema': {
      if (!args[0]) throw new ConfigError(USAGE);
      writeFileSync(args[0], await printSchema());
      console.log(`schema written to ${args[0]}`);
      return;
    }
    default:
      throw new ConfigError(USAGE);
  }
}

run(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
