import { createMongoAbility, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';

export type AppAction = 'manage' | 'read' | 'create' | 'update' | 'delete';
export type AppSubject =
  | 'District'
  | 'Park'
  | 'User'
  | 'Department'
  | 'AuditEvent'
  | 'ParkRules'
  | 'Case'
  | 'CaseAttachment'
  | 'Dashboard'
  | 'Job'
  | 'NationalCalendar'
  | 'OfficeAccount'
  | 'OfficeCase'
  | 'Enterprise'
  | 'all';
/** Subjects are checked by type name, or as `subject('Case', row)` for a particular row. */
export type AppAbility = MongoAbility<[AppAction, AppSubject | Record<string, unknown>]>;
export type AbilityRequirement = readonly [AppAction, AppSubject];

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
