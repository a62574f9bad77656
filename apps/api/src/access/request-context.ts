import type { Request } from 'express';
import type { AuthProblem } from '../auth/auth.middleware.js';
import type { AppAbility } from './ability.js';
import type { Actor } from './actor.js';

/** What every resolver gets: who is asking and what they may do, built once per request. */
export interface RequestContext {
  req: Request;
  actor: Actor | null;
  ability: AppAbility;
  /** Why a bearer token was refused (expired, invalid, revoked), to tell the client precisely. */
  authProblem: AuthProblem | null;
  requestId: string;
  ip: string;
}
