import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { CLIENT_ERROR_CODES, REQUEST_ERROR_CODES, badInputMessage, isErrorCode } from '../common/errors.js';
import { dateLiteralPath } from './date.scalar.js';

/**
 * GraphQL's own variable errors ('Variable "$input" got invalid value "X" at "input.kind"; …') name the
 * field only in prose: lift it into `fields`, relative to the input object like our own errors.
 */
function variableProblem(message: string): { path: string; message: string } | null {
  const match = /^Variable "\$\w+" got invalid value .* at "\w+\.?([^"]*)"; (.*)$/s.exec(message);
  if (match) return { path: match[1] || '', message: match[2] };
  // A whole variable refused (`$from: Date!` sent 2026-02-30) is named by the variable.
  const whole = /^Variable "\$(\w+)" got invalid value .*?; (.*)$/s.exec(message);
  return whole && { path: whole[1], message: whole[2] };
}

/**
 * A literal a scalar refused (`dueOn: "2026-02-30"`) fails validation, but it is a bad value, not a
 * request that does not fit the schema: answered as BAD_USER_INPUT naming the field.
 */
function refusedLiteral(error: unknown): GraphQLError | null {
  const original = (error as { originalError?: unknown }).originalError;
  return original instanceof GraphQLError && original.extensions.code === 'BAD_USER_INPUT' ? original : null;
}

/**
 * What a client may see of an error: its message, code and field paths. Anything unexpected is
 * logged in full and answered with a generic message, so no stack trace or SQL ever leaves.
 */
export function formatErrorWith(logger: Logger, options: { hideSuggestions?: boolean } = {}) {
  // "Did you mean …?" names types, fields and enum values: the schema, where introspection is off.
  const clean = options.hideSuggestions
    ? (message: string) => message.replace(/ ?Did you mean .+\?$/s, '')
    : (message: string) => message;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const literal = formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' ? refusedLiteral(error) : null;
    // Only a value the Date scalar refused: other validation rules (depth, cost) stay what they are.
    const literalPath = literal ? dateLiteralPath(literal.nodes?.[0]) : undefined;
    if (literal && literalPath !== undefined) {
      const fields = [{ path: literalPath, message: literal.message }];
      return {
        message: badInputMessage(fields),
        locations: formatted.locations,
        extensions: { code: 'BAD_USER_INPUT', fields },
      };
    }
    const code = formatted.extensions?.code;
    if (isErrorCode(code) && (CLIENT_ERROR_CODES.has(code) || REQUEST_ERROR_CODES.has(code))) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      const message = clean(formatted.message);
      const coerced = code === 'BAD_USER_INPUT' && !extensions.fields ? variableProblem(message) : null;
      if (coerced) extensions.fields = [coerced];
      return { message, locations: formatted.locations, path: formatted.path, extensions };
    }
    logger.error(
      { err: (error as { originalError?: unknown }).originalError ?? error, path: formatted.path },
      'unexpected error',
    );
    return {
      message: '服务器内部错误 / Internal server error',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
