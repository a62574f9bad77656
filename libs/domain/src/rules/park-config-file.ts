import { parseDocument, stringify } from 'yaml';
import type { RulesProblem } from './errors.js';
import { parkIdentitySchema, type ParkConfig } from './park-rules.schema.js';
import {
  prefixProblems,
  problemsFromZod,
  validateParkRules,
  type ParkRulesValidationOptions,
} from './validate-park-rules.js';

/** The park's own code comes from the file; what else the rules are checked against. */
export type ParkConfigValidationOptions = Omit<ParkRulesValidationOptions, 'parkCode'>;

export type ParkConfigParseResult =
  { ok: true; config: ParkConfig } | { ok: false; problems: RulesProblem[] };

/**
 * Reads a park configuration file (infra/parks/*.yaml: `park` and `rules`) and validates it.
 * Problems carry paths into the file, e.g. `rules.approvalRoutes[2].approverRole`; YAML syntax
 * errors come with line and column and path ''.
 */
export function parseParkConfigYaml(
  text: string,
  options: ParkConfigValidationOptions = {},
): ParkConfigParseResult {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    // One syntax error cascades into many: the first few locate it.
    return {
      ok: false,
      problems: doc.errors.slice(0, 3).map((e) => ({ path: '', message: e.message.split('\n')[0] })),
    };
  }
  return validateParkConfig(doc.toJS(), options);
}

/**
 * Validates an already parsed configuration (from JSON, a console form…); the webhook's secret
 * must be the file's park's.
 */
export function validateParkConfig(
  input: unknown,
  options: ParkConfigValidationOptions = {},
): ParkConfigParseResult {
  const root =
    input !== null && typeof input === 'object' && !Array.isArray(input)
      ? (input as Record<string, unknown>)
      : undefined;
  if (!root) return { ok: false, problems: [{ path: '', message: 'must be a mapping with park and rules' }] };
  const problems: RulesProblem[] = [];
  for (const key of Object.keys(root)) {
    if (key !== 'park' && key !== 'rules') problems.push({ path: key, message: 'unknown field' });
  }
  const park = parkIdentitySchema.safeParse(root.park, { reportInput: true });
  if (!park.success) problems.push(...prefixProblems('park', problemsFromZod(park.error.issues)));
  const rules = validateParkRules(root.rules, {
    ...options,
    parkCode: park.success ? park.data.code : undefined,
  });
  if (!rules.ok) problems.push(...prefixProblems('rules', rules.problems));
  if (problems.length > 0 || !park.success || !rules.ok) return { ok: false, problems };
  return { ok: true, config: { park: park.data, rules: rules.rules } };
}

/**
 * Writes a configuration as YAML. Stable: parsing the output gives the same configuration, and
 * writing that again gives the same text (no line folding, keys in schema order).
 */
export function toParkConfigYaml(config: ParkConfig): string {
  return stringify(config, { lineWidth: 0, indent: 2 });
}
