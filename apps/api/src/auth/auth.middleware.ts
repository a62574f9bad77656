import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '../access/actor.js';
import type { SessionStates } from './session-states.js';
import type { AccessProblem, AccessTokens } from './tokens.js';

/** Why a bearer token was refused: bad or expired, or its session was ended (revoked). */
export type AuthProblem = AccessProblem | 'revoked';

export interface AuthenticatedRequest extends Request {
  actor?: Actor | null;
  authProblem?: AuthProblem | null;
}

const PROBLEM_MESSAGES: Record<AuthProblem, string> = {
  expired: '登录已过期 / Session expired',
  revoked: '登录已失效，请重新登录 / Session ended, sign in again',
  invalid: '请先登录 / Sign-in required',
};

/** The message of UNAUTHENTICATED for a refused token (or none at all). */
export function authProblemMessage(problem: AuthProblem | null | undefined): string {
  return PROBLEM_MESSAGES[problem ?? 'invalid'];
}

/**
 * Reads `Authorization: Bearer …` once per request; resolvers decide whether they need it. A valid
 * token whose session was ended since (deactivation, roles, password, sign-out) is refused here.
 */
export function authMiddleware(tokens: AccessTokens, sessions: SessionStates) {
  return (req: AuthenticatedRequest, _res: Response, next: NextFunction): void => {
    req.actor = null;
    req.authProblem = null;
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return next();
    tokens
      .verify(header.slice('Bearer '.length).trim())
      .then(async (result) => {
        if ('problem' in result) req.authProblem = result.problem;
        else if (await sessions.stands(result.actor, result.sessionVersion)) req.actor = result.actor;
        else req.authProblem = 'revoked';
        next();
      })
      .catch(next);
  };
}
