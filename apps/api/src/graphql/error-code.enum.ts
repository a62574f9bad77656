import { GraphQLEnumType, GraphQLSchema } from 'graphql';
import { ERROR_CODES } from '../common/errors.js';

/**
 * `enum ErrorCode`: what `extensions.code` may be. No field returns it, so it is added to the schema
 * here (served and printed alike) for clients to type their error handling from.
 */
export const ErrorCodeEnum = new GraphQLEnumType({
  name: 'ErrorCode',
  description: 'What `extensions.code` of an error may be.',
  values: Object.fromEntries(
    Object.entries(ERROR_CODES).map(([code, description]) => [code, { value: code, description }]),
  ),
});

export function withErrorCodes(schema: GraphQLSchema): GraphQLSchema {
  if (schema.getType(ErrorCodeEnum.name)) return schema;
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, types: [...config.types, ErrorCodeEnum] });
}
