import type { AclRules } from '../ability.js';

export const parkRules: AclRules = (actor, { can }) => {
  if (actor.platformRole === 'PLATFORM_ADMIN') can('manage', 'Park');
  if (actor.platformRole === 'DISTRICT_VIEWER' && actor.districtId) {
    can('read', 'Park', { districtId: actor.districtId });
  }
  if (actor.parkId && actor.roles.length > 0) can('read', 'Park', { id: actor.parkId });
};
