import type { AclRules } from '../ability.js';

export const districtRules: AclRules = (actor, { can }) => {
  if (actor.platformRole === 'PLATFORM_ADMIN') can('manage', 'District');
  if (actor.districtId) can('read', 'District', { id: actor.districtId });
};
