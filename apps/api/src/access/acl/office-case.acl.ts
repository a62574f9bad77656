import type { AclRules } from '../ability.js';

/**
 * An office viewer reads the cases copied or handed over to its office (which ones: the office
 * policies of the database) and nothing else, whatever other rules would grant someone of its
 * district: later rules win in CASL, so this one comes last.
 */
export const officeCaseRules: AclRules = (actor, { can, cannot }) => {
  if (actor.platformRole !== 'OFFICE_VIEWER') return;
  cannot('manage', 'all');
  can('read', 'OfficeCase');
};
