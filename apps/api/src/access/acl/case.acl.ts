import type { AclRules } from '../ability.js';
import { hasParkRole } from '../actor.js';

export const caseRules: AclRules = (actor, { can }) => {
  if (!actor.parkId) return;
  // The service center registers and screens; leaders approve; departments work assigned cases.
  if (hasParkRole(actor, 'SERVICE_CENTER_STAFF')) {
    can(['read', 'create', 'update'], 'Case', { parkId: actor.parkId });
  }
  if (hasParkRole(actor, 'LEADER_IN_CHARGE', 'EXECUTIVE_DEPUTY_DIRECTOR')) {
    can(['read', 'update'], 'Case', { parkId: actor.parkId });
  }
  const departmentIds = actor.roles.filter((grant) => grant.departmentId).map((grant) => grant.departmentId);
  if (departmentIds.length > 0) {
    can(['read', 'update'], 'Case', { parkId: actor.parkId, departmentIds: { $in: departmentIds } });
  }
};
