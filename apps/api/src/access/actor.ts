import type { ParkRole, PlatformRole } from '@qifu/domain';

export interface RoleGrant {
  role: ParkRole;
  departmentId: string | null;
}

/** The signed-in user as the API sees it for one request (from the verified access token). */
export interface Actor {
  userId: string;
  username: string;
  /** The park the session works in; null for platform and district users. */
  parkId: string | null;
  /** The district the user belongs to: a district viewer's own, or the park's district. */
  districtId: string | null;
  platformRole: PlatformRole | null;
  roles: RoleGrant[];
}

export function hasParkRole(actor: Actor, ...roles: ParkRole[]): boolean {
  return actor.roles.some((grant) => roles.includes(grant.role));
}

/**
 * The park acting by itself (deadline jobs: supervision of overdue cases, reminders): the service
 * center's authority and no user; it is recorded as nobody (null), shown as the system.
 */
export function systemActor(parkId: string, districtId: string | null): Actor {
  return {
    userId: '',
    username: 'system',
    parkId,
    districtId,
    platformRole: null,
    roles: [{ role: 'SERVICE_CENTER_STAFF', departmentId: null }],
  };
}
