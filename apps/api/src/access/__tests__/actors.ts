import { subject } from '@casl/ability';
import type { PermissionSubject } from '@qifu/domain';
import type { ParkRole } from '@qifu/domain';
import type { Actor } from '../actor.js';

export const PARK = '11111111-1111-4111-8111-111111111111';
export const OTHER_PARK = '22222222-2222-4222-8222-222222222222';
export const DISTRICT = '33333333-3333-4333-8333-333333333333';
export const OTHER_DISTRICT = '44444444-4444-4444-8444-444444444444';
export const DEPARTMENT = '55555555-5555-4555-8555-555555555555';

export function parkActor(role: ParkRole, departmentId: string | null = null): Actor {
  return {
    userId: 'u1',
    username: role.toLowerCase(),
    parkId: PARK,
    districtId: DISTRICT,
    platformRole: null,
    roles: [{ role, departmentId }],
  };
}

export const platformAdmin: Actor = {
  userId: 'p1',
  username: 'platform',
  parkId: null,
  districtId: null,
  platformRole: 'PLATFORM_ADMIN',
  roles: [],
};

export const districtViewer: Actor = {
  userId: 'd1',
  username: 'district',
  parkId: null,
  districtId: DISTRICT,
  platformRole: 'DISTRICT_VIEWER',
  roles: [],
};

export const officeViewer: Actor = {
  userId: 'o1',
  username: 'office',
  parkId: null,
  districtId: DISTRICT,
  platformRole: 'OFFICE_VIEWER',
  roles: [],
};

/** A particular row to check conditions against, e.g. `row('Park', { id })`. */
export function row(
  type: Exclude<PermissionSubject, 'all'>,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  return subject(type, fields);
}
