import type { AclRules } from '../ability.js';
import { hasParkRole } from '../actor.js';

/**
 * The park's register of enterprises (Art. 2): everyone who works on the park's cases looks them
 * up; the service center and the park administrator link an enterprise to a department or cadre
 * (挂钩联系). Adding enterprises stays with case registration (create Case).
 */
export const enterpriseRules: AclRules = (actor, { can }) => {
  if (!actor.parkId || actor.roles.length === 0) return;
  can('read', 'Enterprise', { parkId: actor.parkId });
  if (hasParkRole(actor, 'SERVICE_CENTER_STAFF', 'PARK_ADMIN'))
    can('update', 'Enterprise', { parkId: actor.parkId });
};
