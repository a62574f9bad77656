import { createMongoAbility, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import type { PermissionAction, PermissionSubject } from '@qifu/domain';

export type AppAbility = MongoAbility<[PermissionAction, PermissionSubject | Record<string, unknown>]>;
export type AbilityRequirement = readonly [PermissionAction, PermissionSubject];

type AppRawRule = RawRuleOf<AppAbility>;

export function buildAbility(rules: AppRawRule[] = []): AppAbility {
  return createMongoAbility<AppAbility>(rules);
}

/** `myAbilities` is the JSON of CASL `packRules(...)`; anything unreadable grants nothing. */
export function abilityFromPacked(packed: string | null | undefined): AppAbility {
  if (!packed) return buildAbility();
  try {
    const parsed: unknown = JSON.parse(packed);
    if (!Array.isArray(parsed)) return buildAbility();
    return buildAbility(unpackRules<AppRawRule>(parsed as PackRule<AppRawRule>[]));
  } catch {
    return buildAbility();
  }
}
