import type { CombinedError } from '@urql/core';
import type { ErrorCode } from '@/gql/enums';

export interface ApiFieldError {
  path: string;
  message: string;
}

/** Path (relative to the input object) → message, ready for `<el-form-item :error>`. */
export type FieldErrors = Record<string, string>;

function extensionsOf(error: CombinedError): Record<string, unknown>[] {
  return error.graphQLErrors.map((e) => (e.extensions ?? {}) as Record<string, unknown>);
}

/** The codes of the errors (the schema's ErrorCode); a bare HTTP status counts as its code. */
export function errorCodes(error: CombinedError | undefined | null): string[] {
  if (!error) return [];
  const codes = extensionsOf(error)
    .map((ext) => ext.code)
    .filter((code): code is string => typeof code === 'string');
  // A bare HTTP status without a GraphQL body still tells us what happened.
  const status = (error.response as { status?: number } | undefined)?.status;
  if (status === 401) codes.push('UNAUTHENTICATED');
  if (status === 429) codes.push('TOO_MANY_REQUESTS');
  return codes;
}

export function hasErrorCode(error: CombinedError | undefined | null, code: ErrorCode): boolean {
  return errorCodes(error).includes(code);
}

export function isUnauthenticated(error: CombinedError | undefined | null): boolean {
  return hasErrorCode(error, 'UNAUTHENTICATED');
}

/** Seconds the API asks to wait before trying again (TOO_MANY_REQUESTS), if it says. */
export function retryAfterSeconds(error: CombinedError | undefined | null): number | null {
  if (!error) return null;
  for (const ext of extensionsOf(error)) {
    const seconds = ext.retryAfterSeconds;
    if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0) return seconds;
  }
  return null;
}

/** The API's own message of the first error with `code` (one that names what it is about). */
export function messageOf(error: CombinedError | undefined | null, code: ErrorCode): string | null {
  return error?.graphQLErrors.find((e) => e.extensions?.code === code)?.message ?? null;
}

export function fieldErrorsOf(error: CombinedError | undefined | null): FieldErrors {
  const result: FieldErrors = {};
  if (!error) return result;
  for (const ext of extensionsOf(error)) {
    if (ext.code !== 'BAD_USER_INPUT' || !Array.isArray(ext.fields)) continue;
    for (const field of ext.fields as Partial<ApiFieldError>[]) {
      if (typeof field?.path !== 'string' || typeof field.message !== 'string') continue;
      result[field.path] ??= field.message;
    }
  }
  return result;
}
