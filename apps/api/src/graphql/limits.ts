import type { ApolloServerPlugin } from '@apollo/server';
import {
  BREAK,
  GraphQLError,
  Kind,
  visit,
  type DocumentNode,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COMPLEXITY = 2000;

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

/** Refuses operations whose estimated cost (one per field) is above the limit. */
export function complexityLimit(max = MAX_QUERY_COMPLEXITY): ApolloServerPlugin {
  // Apollo hands over the same parsed document for the same query text (its document cache), and
  // one per field does not depend on the variables unless directives are used: such a document's
  // cost is computed once per operation name.
  const costs = new WeakMap<DocumentNode, Map<string, number> | null>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let known = costs.get(document);
          if (known === undefined) costs.set(document, (known = hasDirectives(document) ? null : new Map()));
          const operation = request.operationName ?? '';
          let complexity = known?.get(operation);
          if (complexity === undefined) {
            try {
              complexity = getComplexity({
                schema,
                query: document,
                operationName: request.operationName ?? undefined,
                variables: request.variables ?? {},
                estimators: [simpleEstimator({ defaultComplexity: 1 })],
              });
            } catch {
              // Invalid variables: execution reports them precisely, as BAD_USER_INPUT.
              return;
            }
            known?.set(operation, complexity);
          }
          if (complexity > max) {
            throw limitError(`查询过于复杂 / Query complexity ${complexity} exceeds the limit of ${max}`);
          }
        },
      };
    },
  };
}
