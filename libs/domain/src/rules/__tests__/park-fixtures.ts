import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseParkConfigYaml } from '../park-config-file.js';
import type { ParkConfig, ParkRules } from '../park-rules.schema.js';

export type ParkFile = 'zhengyang' | 'wulingshan' | 'songlin' | 'qinglan';

export function parkYaml(park: ParkFile): string {
  return readFileSync(
    fileURLToPath(new URL(`../../../../../infra/parks/${park}.yaml`, import.meta.url)),
    'utf8',
  );
}

export function parkConfig(park: ParkFile): ParkConfig {
  const result = parseParkConfigYaml(parkYaml(park));
  if (!result.ok) throw new Error(`${park}.yaml is invalid: ${JSON.stringify(result.problems)}`);
  return result.config;
}

/** A fresh, mutable copy of a park's rules, to break in tests. */
export function parkRules(park: ParkFile): ParkRules {
  return structuredClone(parkConfig(park).rules);
}
