import {
  GraphQLError,
  GraphQLScalarType,
  Kind,
  type ASTNode,
  type ASTVisitor,
  type ValidationContext,
  getNamedType,
  getNullableType,
  isInputObjectType,
} from 'graphql';
import { isCalendarDate } from '../common/input-values.js';

export const DATE_PROBLEM = 'must be a date YYYY-MM-DD';

function refuse(node?: ASTNode): GraphQLError {
  // Marked BAD_USER_INPUT: a literal refused in validation is answered as bad input (format-error).
  return new GraphQLError(DATE_PROBLEM, { nodes: node, extensions: { code: 'BAD_USER_INPUT' } });
}

/** A calendar day: the string `YYYY-MM-DD` of a day that exists (not 2026-02-30, not 2026-1-5). */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description:
    'A calendar day, `YYYY-MM-DD` (such as 2026-03-05), of years 0001–9999, in the parks’ time zone; no time of day.',
  serialize: (value) => {
    if (!isCalendarDate(value)) throw new GraphQLError(`Date cannot represent ${String(value)}`);
    return value;
  },
  parseValue: (value) => {
    if (!isCalendarDate(value)) throw refuse();
    return value;
  },
  parseLiteral: (node) => {
    if (node.kind !== Kind.STRING || !isCalendarDate(node.value)) throw refuse(node);
    return node.value;
  },
});

const LEAF_LITERALS: ReadonlySet<Kind> = new Set([
  Kind.STRING,
  Kind.INT,
  Kind.FLOAT,
  Kind.BOOLEAN,
  Kind.ENUM,
]);

/** Where each Date literal the scalar refused sits in its arguments (`dueOn`, `workdays[1]`). */
const literalPaths = new WeakMap<ASTNode, string>();

export function dateLiteralPath(node: ASTNode | undefined): string | undefined {
  return node && literalPaths.get(node);
}

/**
 * Records the path of every literal in a Date position, so that the scalar's refusal can name its
 * field: the scalar sees only the value. Paths start below an input object argument, like the input
 * guard's.
 */
export function dateLiteralPaths(context: ValidationContext): ASTVisitor {
  return {
    enter(node, _key, parent, path, ancestors) {
      if (!LEAF_LITERALS.has(node.kind)) return;
      if (getNamedType(context.getInputType() ?? undefined)?.name !== DateScalar.name) return;
      // The nodes from the document down to the literal's parent; path[i] is the key into chain[i].
      const chain = [...ancestors, parent];
      let at = '';
      for (let i = 0; i < chain.length; i++) {
        const ancestor = chain[i];
        if (!ancestor || Array.isArray(ancestor) || !('kind' in ancestor)) continue;
        if (ancestor.kind === Kind.ARGUMENT) {
          const argument = context.getArgument();
          at = argument && isInputObjectType(getNullableType(argument.type)) ? '' : ancestor.name.value;
        } else if (ancestor.kind === Kind.OBJECT_FIELD) {
          at = at ? `${at}.${ancestor.name.value}` : ancestor.name.value;
        } else if (ancestor.kind === Kind.LIST) {
          at = `${at}[${String(path[i + 1])}]`;
        }
      }
      literalPaths.set(node, at);
    },
  };
}
