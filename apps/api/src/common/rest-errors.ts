import { HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Actor } from '../access/actor.js';
import { authProblemMessage, type AuthenticatedRequest } from '../auth/auth.middleware.js';
import { badInputMessage, type FieldProblem } from './errors.js';

/**
 * The one shape of every error the REST endpoints answer (files, exports, reports), whatever its
 * status: `fields` names what the client sent that is at fault (empty when nothing is), `details`
 * carries what a code adds for programs (a refused template's problems, a PDF's status).
 */
export interface RestErrorBody {
  statusCode: number;
  code: string;
  /** Chinese / English. */
  message: string;
  fields: FieldProblem[];
  details?: Record<string, unknown>;
}

/** A refused REST request: thrown by a handler, answered by the errors filter. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  body(): RestErrorBody {
    return {
      statusCode: this.status,
      code: this.code,
      message: this.message,
      fields: this.fields,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export const restNotFound = (zh: string, en: string) =>
  new RestError(404, 'NOT_FOUND', `${zh}不存在 / ${en} not found`);

export const restForbidden = () => new RestError(403, 'FORBIDDEN', '没有权限执行此操作 / Not allowed');

/** BAD_USER_INPUT naming each field, summed up in the message as GraphQL's `badInput` does. */
export const restBadInput = (fields: FieldProblem[], message = badInputMessage(fields)) =>
  new RestError(400, 'BAD_USER_INPUT', message, fields);

export const restInternal = (message = '服务器内部错误 / Internal server error') =>
  new RestError(500, 'INTERNAL_SERVER_ERROR', message);

// GraphQL's client error codes a service throws, and the statuses HTTP refusals of the framework come with.
const STATUS_OF_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  TEMPLATE_INVALID: 422,
};
// `body`: the refusal is of the request's body as a whole (not JSON, too large), the field ''.
const CODE_OF_STATUS: Record<number, { code: string; zh: string; body?: true }> = {
  400: { code: 'BAD_USER_INPUT', zh: '输入有误', body: true },
  401: { code: 'UNAUTHENTICATED', zh: '请先登录' },
  403: { code: 'FORBIDDEN', zh: '没有权限执行此操作' },
  404: { code: 'NOT_FOUND', zh: '不存在' },
  413: { code: 'PAYLOAD_TOO_LARGE', zh: '请求体过大', body: true },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', zh: '不支持的内容类型', body: true },
  429: { code: 'TOO_MANY_REQUESTS', zh: '请求过于频繁' },
};

/** A client error of the framework or of Express's body parsers (`expose`: its message is for the client). */
function httpRefusal(error: unknown): { status: number; message: string } | null {
  if (error instanceof HttpException) return { status: error.getStatus(), message: error.message };
  const { status, expose, message } = (error ?? {}) as {
    status?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  if (typeof status === 'number' && expose === true && typeof message === 'string')
    return { status, message };
  return null;
}

/**
 * Whatever a REST handler let through, as the error it is answered with: its own RestError, a
 * client error a service threw (badInput, forbidden, notFound, conflict), a refusal of the
 * framework (an unknown path, a body that is not JSON or too large); anything else is a 500 that
 * tells nothing of its cause.
 */
export function toRestError(error: unknown): RestError {
  if (error instanceof RestError) return error;
  if (error instanceof GraphQLError) {
    const code = String(error.extensions.code ?? '');
    const status = STATUS_OF_CODE[code];
    if (status) {
      const { code: _code, fields, ...details } = error.extensions;
      return new RestError(
        status,
        code,
        error.message,
        Array.isArray(fields) ? (fields as FieldProblem[]) : [],
        // What the code adds for programs (the template a refusal names, when to retry).
        Object.keys(details).length ? details : undefined,
      );
    }
  }
  const refusal = httpRefusal(error);
  if (refusal && refusal.status >= 400 && refusal.status < 500) {
    const known = CODE_OF_STATUS[refusal.status] ?? CODE_OF_STATUS[400];
    const fields = known.body ? [{ path: '', message: refusal.message }] : [];
    return new RestError(refusal.status, known.code, `${known.zh} / ${refusal.message}`, fields);
  }
  return restInternal();
}

/** Writes the error; once the headers are out, a broken connection is the only honest answer left. */
export function sendRestError(res: Response, error: RestError): void {
  if (res.headersSent) {
    res.destroy(error);
    return;
  }
  res.status(error.status).json(error.body());
}

/** The signed-in actor; 401 UNAUTHENTICATED as GraphQL would answer, for a missing or refused token. */
export function signedInActor(req: AuthenticatedRequest): Actor {
  if (req.actor) return req.actor;
  throw new RestError(401, 'UNAUTHENTICATED', authProblemMessage(req.authProblem));
}
