import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseParkConfigYaml, type ParkConfig, type ParkConfigValidationOptions } from '@qifu/domain';

/** Finds infra/parks/<code>.yaml from the source tree or from dist. */
export function parkConfigPath(code: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'infra', 'parks', `${code}.yaml`);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`infra/parks/${code}.yaml not found`);
}

/** Reads and validates a park configuration file, e.g. infra/parks/zhengyang.yaml. */
export function readParkConfigFile(file: string, options: ParkConfigValidationOptions = {}): ParkConfig {
  const parsed = parseParkConfigYaml(readFileSync(file, 'utf8'), options);
  if (!parsed.ok) {
    throw new Error(
      `${file} is invalid:\n${parsed.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`,
    );
  }
  return parsed.config;
}

/** The configuration shipped in infra/parks for a park code. */
export function loadParkConfig(code: string): ParkConfig {
  return readParkConfigFile(parkConfigPath(code));
}
