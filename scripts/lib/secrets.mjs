import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot } from './embedded-postgres.mjs';

/**
 * JWT_SECRET and APP_DATABASE_PASSWORD of `npm start`: from the environment, else generated once and
 * kept in .data/secrets.json. Every command that works beside a running `npm start` (`npm run park`)
 * takes them from here, so it connects as the API does and never changes what the API relies on.
 */
export function startSecrets(env = process.env) {
  const file = path.join(dataRoot, 'secrets.json');
  let stored = {};
  if (fs.existsSync(file)) {
    stored = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.chmodSync(file, 0o600);
  }
  const wanted = {
    JWT_SECRET: stored.JWT_SECRET ?? randomBytes(48).toString('base64url'),
    APP_DATABASE_PASSWORD: stored.APP_DATABASE_PASSWORD ?? randomBytes(24).toString('hex'),
  };
  if (
    wanted.JWT_SECRET !== stored.JWT_SECRET ||
    wanted.APP_DATABASE_PASSWORD !== stored.APP_DATABASE_PASSWORD
  ) {
    fs.mkdirSync(dataRoot, { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(wanted, null, 2)}\n`, { mode: 0o600 });
  }
  return {
    JWT_SECRET: env.JWT_SECRET || wanted.JWT_SECRET,
    APP_DATABASE_PASSWORD: env.APP_DATABASE_PASSWORD || wanted.APP_DATABASE_PASSWORD,
  };
}
