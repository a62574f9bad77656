import type { ApolloServerPlugin } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isCompositeType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  type FieldNode,
  type GraphQLArgument,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { badInput, type FieldProblem } from '../common/errors.js';
import { isUuid, textProblem } from '../common/input-values.js';

/**
 * ID arguments that do not name a row by UUID (`Type.field.argument` or `InputType.field`): BullMQ
 * job ids such as `dashboard-rebuild-…`. They are still checked as single-line text.
 */
export const NOT_UUID_IDS: ReadonlySet<string> = new Set(['RetryJobInput.id', 'DiscardJobInput.id']);

/**
 * Free text, by field name: only there are tab and line breaks part of the value. Everywhere else
 * (names, codes, titles, keywords, passwords) they are refused like any control character.
 */
export const MULTI_LINE_FIELDS: ReadonlySet<string> = new Set([
  'comment',
  'content',
  'csv',
  'description',
  'grounds',
  'minutes',
  'note',
  'notes',
  'opinion',
  'participants',
  'reason',
  'replyToEnterprise',
  'report',
  'result',
]);

const MAX_PROBLEMS = 20;
// Deeper JSON is refused rather than walked (the body limit still allows very deep nesting).
const MAX_JSON_DEPTH = 32;

function joinPath(path: string, segment: string | number): string {
  if (typeof segment === 'number') return `${path}[${segment}]`;
  return path ? `${path}.${segment}` : segment;
}

class ProblemList {
  readonly items: FieldProblem[] = [];
  add(path: string, message: string): void {
    if (this.items.length < MAX_PROBLEMS) this.items.push({ path, message });
  }
}

/** Strings anywhere in a JSON value: keys are single-line, values may be multi-line text. */
function checkJson(value: unknown, path: string, problems: ProblemList, depth = 0): void {
  if (typeof value === 'string') {
    const problem = textProblem(value, true);
    if (problem) problems.add(path, problem);
  } else if (value !== null && typeof value === 'object') {
    if (depth >= MAX_JSON_DEPTH)
      return problems.add(path, `must not be nested deeper than ${MAX_JSON_DEPTH} levels`);
    if (Array.isArray(value)) {
      value.forEach((item, i) => checkJson(item, joinPath(path, i), problems, depth + 1));
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      const problem = textProblem(key, false);
      if (problem) problems.add(path, `key ${JSON.stringify(key)}: ${problem}`);
      else checkJson(item, joinPath(path, key), problems, depth + 1);
    }
  }
}

/** Checks one coerced argument or input field value against its type, naming each problem's path. */
function checkValue(
  value: unknown,
  type: GraphQLInputType,
  at: { path: string; coordinate: string; name: string },
  problems: ProblemList,
): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (Array.isArray(value))
      value.forEach((item, i) =>
        checkValue(item, nullable.ofType, { ...at, path: joinPath(at.path, i) }, problems),
      );
    return;
  }
  if (isInputObjectType(nullable)) {
    for (const field of Object.values(nullable.getFields())) {
      const inner = (value as Record<string, unknown>)[field.name];
      if (inner === undefined) continue;
      checkValue(
        inner,
        field.type,
        {
          path: joinPath(at.path, field.name),
          coordinate: `${nullable.name}.${field.name}`,
          name: field.name,
        },
        problems,
      );
    }
    return;
  }
  if (!isScalarType(nullable)) return; // enums: graphql itself accepts only their values
  if (nullable.name === 'JSON') return checkJson(value, at.path, problems);
  if (typeof value !== 'string' || (nullable.name !== 'ID' && nullable.name !== 'String')) return;
  if (nullable.name === 'ID' && !NOT_UUID_IDS.has(at.coordinate)) {
    if (!isUuid(value)) problems.add(at.path, 'must be a UUID');
    return;
  }
  const problem = textProblem(value, MULTI_LINE_FIELDS.has(at.name));
  if (problem) problems.add(at.path, problem);
}

/**
 * Every field of the operation with its parent type, fragments followed once each (a fragment spread
 * many times is checked once: its arguments are the same each time).
 */
function* fieldsOf(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
): Generator<{ parent: GraphQLCompositeType; node: FieldNode }> {
  const root = schema.getRootType(operation.operation);
  if (!root) return;
  const pending: [SelectionSetNode, GraphQLCompositeType][] = [[operation.selectionSet, root]];
  const spread = new Set<string>();
  while (pending.length) {
    const [selectionSet, parent] = pending.pop()!;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        yield { parent, node: selection };
        const def =
          isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : null;
        const type = def && getNamedType(def.type);
        if (selection.selectionSet && type && isCompositeType(type))
          pending.push([selection.selectionSet, type]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) pending.push([selection.selectionSet, type]);
      } else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && type && isCompositeType(type)) pending.push([fragment.selectionSet, type]);
      }
    }
  }
}

/** Arguments of a non-null type given a variable whose value is null. */
function nullsForNonNullArguments(
  args: readonly GraphQLArgument[],
  node: FieldNode,
  variables: Record<string, unknown>,
): string[] {
  return args
    .filter((arg) => {
      const value = node.arguments?.find((given) => given.name.value === arg.name)?.value;
      return isNonNullType(arg.type) && value?.kind === Kind.VARIABLE && variables[value.name.value] === null;
    })
    .map((arg) => arg.name);
}

/** The problems of every argument of the operation, as the resolvers would receive them. */
export function inputProblems(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): FieldProblem[] {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
  // Variables of the wrong type: execution reports them (BAD_USER_INPUT with their path).
  if (coerced.errors) return [];
  const problems = new ProblemList();
  for (const { parent, node } of fieldsOf(schema, operation, fragments)) {
    if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
    const def = parent.getFields()[node.name.value];
    if (!def?.args.length) continue; // __typename and the introspection fields
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(def, node, coerced.coerced);
    } catch {
      // A nullable variable may fill a non-null argument that has a default; sent as null, it is
      // refused only here (execution would throw it as an error of no code). Anything else missing:
      // validation names it.
      for (const name of nullsForNonNullArguments(def.args, node, coerced.coerced))
        problems.add(name, 'must not be null');
      continue;
    }
    for (const arg of def.args) {
      // Inside an input object argument, paths start below it (as class-validator's do).
      const objectArgument = isInputObjectType(getNullableType(arg.type));
      checkValue(
        args[arg.name],
        arg.type,
        {
          path: objectArgument ? '' : arg.name,
          coordinate: `${parent.name}.${def.name}.${arg.name}`,
          name: arg.name,
        },
        problems,
      );
    }
  }
  return problems.items;
}

/**
 * Refuses the request before any resolver runs when an id is not a UUID or a string holds control
 * characters: BAD_USER_INPUT naming each field, never a database error.
 */
export function inputGuard(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request }) {
          if (!operation) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const definition of document.definitions)
            if (definition.kind === Kind.FRAGMENT_DEFINITION)
              fragments.set(definition.name.value, definition);
          const problems = inputProblems(schema, operation, fragments, request.variables ?? {});
          if (problems.length) {
            const error = badInput(problems);
            Object.assign(error.extensions, { http: { status: 400 } });
            throw error;
          }
        },
      };
    },
  };
}
