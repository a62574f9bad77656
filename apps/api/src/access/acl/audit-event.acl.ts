import type { AclRules } from '../ability.js';
import { hasParkRole } from '../actor.js';

export const auditEventRules: AclRules = (actor, { can, cannot }) => {
  if (actor.parkId && hasParkRole(actor, 'PARK_ADMIN', 'EXECUTIVE_DEPUTY_DIRECTOR')) {
    can('read', 'AuditEvent', { parkId: actor.parkId });
  }
  // The trail is append-only for everyone, whatever else a role may manage.
  cannot(['update', 'delete'], 'AuditEvent');
};
