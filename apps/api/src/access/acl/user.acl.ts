import { hasParkRole } from '../actor.js';
import type { AclRules } from '../ability.js';

export const userRules: AclRules = (actor, { can }) => {
  if (!actor.parkId) return;
  if (hasParkRole(actor, 'PARK_ADMIN')) can('manage', 'User', { parkId: actor.parkId });
  // Staff and leaders pick people (department heads, handlers) when they route work.
  if (hasParkRole(actor, 'SERVICE_CENTER_STAFF', 'LEADER_IN_CHARGE', 'EXECUTIVE_DEPUTY_DIRECTOR')) {
    can('read', 'User', { parkId: actor.parkId });
  }
};
