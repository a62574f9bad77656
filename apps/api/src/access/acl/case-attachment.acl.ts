import type { AclRules } from '../ability.js';
import { hasParkRole } from '../actor.js';

/**
 * Further pages of a case (可另附页): the service center attaches them to any case of its park,
 * a department to the cases assigned to it. Reading follows the case (see case-visibility.ts).
 */
export const caseAttachmentRules: AclRules = (actor, { can }) => {
  if (!actor.parkId) return;
  if (hasParkRole(actor, 'SERVICE_CENTER_STAFF')) {
    can('create', 'CaseAttachment', { parkId: actor.parkId });
  }
  const departmentIds = actor.roles.filter((grant) => grant.departmentId).map((grant) => grant.departmentId);
  if (departmentIds.length > 0) {
    can('create', 'CaseAttachment', { parkId: actor.parkId, departmentIds: { $in: departmentIds } });
  }
};
