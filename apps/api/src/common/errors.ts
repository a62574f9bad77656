import { GraphQLError } from 'graphql';
import { isUuid } from './input-values.js';

/** A field the client sent that cannot be accepted, named by its path in the input. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** Error codes clients can rely on (extensions.code). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'TEMPLATE_INVALID';

export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'TEMPLATE_INVALID',
]);

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
