import type { AclRules } from '../ability.js';
import { hasParkRole } from '../actor.js';

export const departmentRules: AclRules = (actor, { can }) => {
  if (!actor.parkId || actor.roles.length === 0) return;
  can('read', 'Department', { parkId: actor.parkId });
  if (hasParkRole(actor, 'PARK_ADMIN')) can('manage', 'Department', { parkId: actor.parkId });
};
