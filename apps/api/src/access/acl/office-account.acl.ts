import type { AclRules } from '../ability.js';
import { hasParkRole } from '../actor.js';

/**
 * Accounts of outside offices (外部督查单位查看人员): the platform creates them for any park or
 * district, a park administrator for their own park only.
 */
export const officeAccountRules: AclRules = (actor, { can }) => {
  if (actor.platformRole === 'PLATFORM_ADMIN') can('manage', 'OfficeAccount');
  if (actor.parkId && hasParkRole(actor, 'PARK_ADMIN'))
    can('manage', 'OfficeAccount', { parkId: actor.parkId });
};
