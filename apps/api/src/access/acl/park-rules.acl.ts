import type { AclRules } from '../ability.js';

export const parkRulesRules: AclRules = (actor, { can }) => {
  if (!actor.parkId || actor.roles.length === 0) return;
  // Everyone working in a park reads its rules (categories, deadlines, routes); its admin changes them.
  can('read', 'ParkRules', { parkId: actor.parkId });
  if (actor.roles.some((grant) => grant.role === 'PARK_ADMIN')) {
    can('update', 'ParkRules', { parkId: actor.parkId });
  }
};
