import type { AclRules } from '../ability.js';
import { hasParkRole } from '../actor.js';

export const dashboardRules: AclRules = (actor, { can }) => {
  if (actor.platformRole === 'DISTRICT_VIEWER' && actor.districtId) {
    can('read', 'Dashboard', { districtId: actor.districtId });
  }
  if (actor.parkId && hasParkRole(actor, 'LEADER_IN_CHARGE', 'EXECUTIVE_DEPUTY_DIRECTOR', 'PARK_ADMIN')) {
    can('read', 'Dashboard', { parkId: actor.parkId });
  }
  // The platform reads every district's aggregates (no case lists) and keeps each district's
  // indicator settings: a district viewer only views.
  if (actor.platformRole === 'PLATFORM_ADMIN') {
    can('read', 'Dashboard');
    can('update', 'Dashboard');
  }
};
