import type { ApolloServerPlugin } from '@apollo/server';
import {
  BREAK,
  GraphQLError,
  Kind,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { FIELD_COSTS } from './costs.js';

export const MAX_QUERY_DEPTH = 10;

function limitError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Refuses queries nested deeper than `max` fields (fragments followed), before anything runs. */
export function depthLimit(max = MAX_QUERY_DEPTH) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (set: SelectionSetNode | undefined, visited: Set<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          deepest = Math.max(
            deepest,
            selection.selectionSet ? 1 + depthOf(selection.selectionSet, visited) : 1,
          );
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, visited));
        } else {
          const name = selection.name.value;
          if (visited.has(name)) continue;
          deepest = Math.max(
            deepest,
            depthOf(fragments.get(name)?.selectionSet, new Set([...visited, name])),
          );
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > max) {
          context.reportError(limitError(`查询嵌套过深 / Query depth ${depth} exceeds the limit of ${max}`));
        }
      },
    };
  };
}

/** Whether a document has directives (@include/@skip make its cost depend on the variables). */
function hasDirectives(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive() {
      found = true;
      return BREAK;
    },
  });
  return found;
}

export interface RequestLimits {
  /** Total cost: 1 per field plus what FIELD_COSTS adds for expensive ones. */
  maxCost: number;
  /** Aliased fields written in the operation (its fragments counted once). */
  maxAliases: number;
  /** Fields at the root of the operation (each a resolver run on its own). */
  maxRootFields: number;
}

export const DEFAULT_LIMITS: RequestLimits = { maxCost: 2000, maxAliases: 20, maxRootFields: 10 };

/** Each field's cost from the map, plus its selection; undefined hands over to one per field. */
function costEstimator(costs: Readonly<Record<string, number>>): ComplexityEstimator {
  return ({ type, field, childComplexity }) => {
    const cost = costs[`${type.name}.${field.name}`];
    return cost === undefined ? undefined : cost + childComplexity;
  };
}

/** Root fields and aliases as written: the operation and the fragments it reaches, each once. */
export function countFields(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): { rootFields: number; aliases: number } {
  let rootFields = 0;
  let aliases = 0;
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode, root: boolean): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (root && selection.name.value !== '__typename') rootFields += 1;
        if (selection.alias && selection.alias.value !== selection.name.value) aliases += 1;
        if (selection.selectionSet) walk(selection.selectionSet, false);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, root);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet, root);
      }
    }
  };
  walk(operation.selectionSet, true);
  return { rootFields, aliases };
}

/** The cost of an operation under `costs`, or null when its variables are invalid. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  costs: Readonly<Record<string, number>> = FIELD_COSTS,
): number | null {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName,
      variables,
      estimators: [costEstimator(costs), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    return null;
  }
}

function limitRefused(limit: keyof RequestLimits, value: number, max: number, message: string): GraphQLError {
  return new GraphQLError(`${message} / ${value} exceeds the limit of ${max}`, {
    extensions: { code: 'BAD_USER_INPUT', limit, value, max, http: { status: 400 } },
  });
}

/**
 * Refuses, before anything runs, operations with too many root fields or aliases, or whose cost
 * (FIELD_COSTS: a dashboard weighs 200, a ledger page 50, a plain field 1) is above the limit.
 */
export function requestLimits(
  limits: RequestLimits = DEFAULT_LIMITS,
  costs: Readonly<Record<string, number>> = FIELD_COSTS,
): ApolloServerPlugin {
  // Apollo hands over the same parsed document for the same query text (its document cache), and
  // the counts and cost do not depend on the variables unless directives are used: such a
  // document's figures are computed once per operation name.
  const known = new WeakMap<
    DocumentNode,
    Map<string, { rootFields: number; aliases: number; cost: number }> | null
  >();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          if (!operation) return;
          let byOperation = known.get(document);
          if (byOperation === undefined)
            known.set(document, (byOperation = hasDirectives(document) ? null : new Map()));
          const name = request.operationName ?? '';
          let figures = byOperation?.get(name);
          if (!figures) {
            const fragments = new Map<string, FragmentDefinitionNode>();
            for (const definition of document.definitions)
              if (definition.kind === Kind.FRAGMENT_DEFINITION)
                fragments.set(definition.name.value, definition);
            const counts = countFields(operation, fragments);
            // Costing walks every field: only for operations within the cheap counts.
            const withinCounts =
              counts.rootFields <= limits.maxRootFields && counts.aliases <= limits.maxAliases;
            const cost = withinCounts
              ? operationCost(
                  schema,
                  document,
                  request.operationName ?? undefined,
                  request.variables ?? {},
                  costs,
                )
              : 0;
            // Invalid variables: execution reports them precisely, as BAD_USER_INPUT.
            if (cost === null) return;
            figures = { ...counts, cost };
            byOperation?.set(name, figures);
          }
          if (figures.aliases > limits.maxAliases)
            throw limitRefused('maxAliases', figures.aliases, limits.maxAliases, '查询的别名过多 / Aliases');
          if (figures.rootFields > limits.maxRootFields)
            throw limitRefused(
              'maxRootFields',
              figures.rootFields,
              limits.maxRootFields,
              '查询的根字段过多 / Root fields',
            );
          if (figures.cost > limits.maxCost)
            throw limitRefused(
              'maxCost',
              figures.cost,
              limits.maxCost,
              '查询开销过大 / Query cost (complexity)',
            );
        },
      };
    },
  };
}
