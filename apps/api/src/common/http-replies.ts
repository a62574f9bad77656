import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Actor } from '../access/actor.js';
import { authProblemMessage, type AuthenticatedRequest } from '../auth/auth.middleware.js';

/** An error answer of the plain-HTTP endpoints (files): JSON like the GraphQL errors. */
export function replyError(
  res: Response,
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
): void {
  res.status(status).json({ statusCode: status, code, message, ...extra });
}

/** The signed-in actor, or null after the 401 answer GraphQL would give. */
export function signedInActor(req: AuthenticatedRequest, res: Response): Actor | null {
  if (req.actor) return req.actor;
  replyError(res, 401, 'UNAUTHENTICATED', authProblemMessage(req.authProblem));
  return null;
}

const STATUS_OF: Record<string, number> = {
  BAD_USER_INPUT: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TEMPLATE_INVALID: 422,
};

/**
 * Answers a client error a service threw (badInput, forbidden, notFound, conflict, templateInvalid) with its HTTP
 * status, its message and the fields it names; false for any other error, which the caller rethrows.
 */
export function replyClientError(res: Response, error: unknown): boolean {
  const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
  const status = STATUS_OF[code];
  if (!status) return false;
  const { fields, template } = (error as GraphQLError).extensions;
  replyError(res, status, code, (error as Error).message, {
    ...(fields ? { fields } : {}),
    ...(template ? { template } : {}),
  });
  return true;
}
