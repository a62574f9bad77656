import type { AclRules } from '../ability.js';
import { hasParkRole } from '../actor.js';
import { caseConditions, caseVisibility } from '../case-visibility.js';

/**
 * Reading and working cases follows the one definition of who sees which case
 * (case-visibility.ts): the service center and leaders every case of their park, department people
 * their departments' and those they follow up. The service center registers and screens; leaders
 * approve; departments work the cases they see.
 */
export const caseRules: AclRules = (actor, { can }) => {
  if (!actor.parkId) return;
  const { cases } = caseVisibility(actor);
  for (const conditions of caseConditions(actor.parkId, cases)) can(['read', 'update'], 'Case', conditions);
  if (hasParkRole(actor, 'SERVICE_CENTER_STAFF')) can('create', 'Case', { parkId: actor.parkId });
};
