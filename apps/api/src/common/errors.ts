import { GraphQLError } from 'graphql';
import { isUuid } from './input-values.js';

/** A field the client sent that cannot be accepted, named by its path in the input. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * Every code the GraphQL API puts in `extensions.code`, with what it means: the one source of the
 * schema's `ErrorCode` enum (and so of the console's type) and of what errors may show.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: 'No token, a bad or expired one, or an ended session: sign in again.',
  FORBIDDEN: 'The signed-in person may not do this.',
  BAD_USER_INPUT:
    'A value sent is refused; `fields` names each one by its path. Also a request above a limit (`limit`, `value`, `max`).',
  NOT_FOUND: 'Nothing of that id for this person (another park’s is not found either).',
  CONFLICT:
    'The change clashes with the data: the case moved on (`version`) or the value exists; `fields` names it.',
  TOO_MANY_REQUESTS: 'Sign-in throttled: try again after `retryAfterSeconds`.',
  TEMPLATE_INVALID: 'The document template in force cannot be filled; `template` names it.',
  GRAPHQL_PARSE_FAILED: 'The request is not GraphQL.',
  GRAPHQL_VALIDATION_FAILED: 'The request does not fit the schema.',
  BAD_REQUEST: 'The HTTP request is malformed (no query, wrong method or content type).',
  PERSISTED_QUERY_NOT_FOUND: 'Persisted queries are not kept: send the query text.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'Persisted queries are not supported.',
  OPERATION_RESOLUTION_FAILURE: 'The operation named is not in the request.',
  INTERNAL_SERVER_ERROR: 'The API’s own failure, logged; the answer tells nothing of its cause.',
} as const;

/** Error codes clients can rely on (extensions.code). */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Codes the API's own code raises; the others come from Apollo or from the error formatter. */
export const CLIENT_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'TEMPLATE_INVALID',
]);

/** Apollo's own codes for requests that never reached a resolver: safe to show as they are. */
export const REQUEST_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);

function error(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const unauthenticated = (message = '请先登录 / Sign-in required') => error('UNAUTHENTICATED', message);

export const forbidden = (message = '没有权限执行此操作 / Not allowed') => error('FORBIDDEN', message);

export const notFound = (what: string, path?: string) =>
  error(
    'NOT_FOUND',
    `${what} 不存在 / ${what} not found`,
    path ? { fields: [{ path, message: 'not found' }] } : {},
  );

/** The message of a BAD_USER_INPUT: every field at fault, by its path. */
export const badInputMessage = (fields: FieldProblem[]) =>
  `输入有误 / Invalid input: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`;

export function badInput(fields: FieldProblem[]): GraphQLError {
  return error('BAD_USER_INPUT', badInputMessage(fields), { fields });
}

export const conflict = (path: string, message: string) =>
  error('CONFLICT', `${path}: ${message}`, { fields: [{ path, message }] });

export const tooManyRequests = (retryAfterSeconds: number) =>
  error('TOO_MANY_REQUESTS', '尝试过于频繁，请稍后再试 / Too many attempts, try again later', {
    retryAfterSeconds,
  });

/**
 * The park's document template in force cannot be filled (stored before today's checks): the park
 * administrator must activate another version. `extensions` name the template.
 */
export const templateInvalid = (message: string, template: Record<string, unknown>) =>
  error('TEMPLATE_INVALID', message, { template });

/** PostgreSQL unique violation → CONFLICT on the field its constraint guards. */
export function conflictFromUniqueViolation(
  err: unknown,
  fieldsByConstraint: Record<string, string>,
): GraphQLError | null {
  const driverError = (err as { driverError?: { code?: string; constraint?: string } }).driverError ?? err;
  const { code, constraint } = driverError as { code?: string; constraint?: string };
  if (code !== '23505' || !constraint) return null;
  const path = fieldsByConstraint[constraint];
  return path ? conflict(path, '已存在 / already exists') : null;
}

/** For ID arguments outside validated input objects. */
export function assertUuid(value: string, path: string): void {
  if (!isUuid(value)) throw badInput([{ path, message: 'must be a UUID' }]);
}
