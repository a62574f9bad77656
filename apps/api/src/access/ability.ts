import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';
import { packRules } from '@casl/ability/extra';
import type { PermissionAction, PermissionSubject } from '@qifu/domain';
import type { Actor } from './actor.js';
import { auditEventRules } from './acl/audit-event.acl.js';
import { caseAttachmentRules } from './acl/case-attachment.acl.js';
import { caseRules } from './acl/case.acl.js';
import { dashboardRules } from './acl/dashboard.acl.js';
import { departmentRules } from './acl/department.acl.js';
import { districtRules } from './acl/district.acl.js';
import { enterpriseRules } from './acl/enterprise.acl.js';
import { jobRules } from './acl/job.acl.js';
import { nationalCalendarRules } from './acl/national-calendar.acl.js';
import { officeAccountRules } from './acl/office-account.acl.js';
import { officeCaseRules } from './acl/office-case.acl.js';
import { parkRulesRules } from './acl/park-rules.acl.js';
import { parkRules } from './acl/park.acl.js';
import { userRules } from './acl/user.acl.js';

export type AppAbility = MongoAbility<[PermissionAction, PermissionSubject | Record<string, unknown>]>;
export type AbilityBuilderFor = AbilityBuilder<AppAbility>;

/** One function per subject (acl/*.acl.ts), each granting what the actor's roles allow on it. */
export type AclRules = (actor: Actor, builder: AbilityBuilderFor) => void;

const ACLS: AclRules[] = [
  districtRules,
  parkRules,
  userRules,
  departmentRules,
  auditEventRules,
  parkRulesRules,
  caseRules,
  caseAttachmentRules,
  dashboardRules,
  jobRules,
  nationalCalendarRules,
  officeAccountRules,
  enterpriseRules,
  // Last: it takes back from an office viewer whatever the others grant someone of its district.
  officeCaseRules,
];

/** Built once per request from the verified token; nothing is granted to an anonymous caller. */
export function abilityFor(actor: Actor | null): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  if (actor) for (const acl of ACLS) acl(actor, builder);
  return builder.build();
}

/** The console's copy of the rules: display only, the server checks every operation. */
export function packedAbilities(ability: AppAbility): string {
  return JSON.stringify(packRules(ability.rules));
}
