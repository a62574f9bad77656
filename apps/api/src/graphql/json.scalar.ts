import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';

/** Structured documents (park rules, diffs) whose shape is defined and validated by libs/domain. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'A JSON value; its shape is documented by the field that carries it.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
