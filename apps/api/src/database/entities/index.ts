import { AuditEventEntity, PlatformAuditEventEntity } from './audit-event.entity.js';
import { DepartmentEntity } from './department.entity.js';
import { DistrictEntity } from './district.entity.js';
import { ParkEntity } from './park.entity.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { RoleAssignmentEntity } from './role-assignment.entity.js';
import { UserEntity } from './user.entity.js';

export {
  AuditEventEntity,
  DepartmentEntity,
  DistrictEntity,
  ParkEntity,
  PlatformAuditEventEntity,
  RefreshTokenEntity,
  RoleAssignmentEntity,
  UserEntity,
};

export const ENTITIES = [
  DistrictEntity,
  ParkEntity,
  UserEntity,
  RoleAssignmentEntity,
  DepartmentEntity,
  AuditEventEntity,
  PlatformAuditEventEntity,
  RefreshTokenEntity,
];
