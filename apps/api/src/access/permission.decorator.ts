import { SetMetadata } from '@nestjs/common';
import type { PermissionAction, PermissionSubject } from '@qifu/domain';

export const PERMISSION_METADATA = 'qifu:permission';

/** What an operation requires. Every Query and Mutation declares one; the guard refuses the rest. */
export type Permission =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'ability'; action: PermissionAction; subject: PermissionSubject };

/** Anyone, signed in or not (sign-in itself). */
export const Public = () => SetMetadata(PERMISSION_METADATA, { kind: 'public' } satisfies Permission);

/** Any signed-in user (their own profile and abilities). */
export const SignedIn = () => SetMetadata(PERMISSION_METADATA, { kind: 'signed-in' } satisfies Permission);

/** A signed-in user whose abilities allow `action` on some `subject`; row conditions are checked by the service and by RLS. */
export const Allow = (action: PermissionAction, subject: PermissionSubject) =>
  SetMetadata(PERMISSION_METADATA, { kind: 'ability', action, subject } satisfies Permission);
