import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '../access/actor.js';
import type { AccessTokens } from './tokens.js';

export interface AuthenticatedRequest extends Request {
  actor?: Actor | null;
  authProblem?: string | null;
}

/** Reads `Authorization: Bearer …` once per request; resolvers decide whether they need it. */
export function authMiddleware(tokens: AccessTokens) {
  return (req: AuthenticatedRequest, _res: Response, next: NextFunction): void => {
    req.actor = null;
    req.authProblem = null;
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return next();
    tokens
      .verify(header.slice('Bearer '.length).trim())
      .then((result) => {
        if ('actor' in result) req.actor = result.actor;
        else req.authProblem = result.problem;
        next();
      })
      .catch(next);
  };
}
