/** The nodes of a connection page (`edges { node }`), in order; none for a missing page. */
export function nodesOf<T>(connection: { edges: readonly { node: T }[] } | null | undefined): T[] {
  return connection?.edges.map((edge) => edge.node) ?? [];
}

/** The node type of a connection's edges. */
export type NodeOf<C> = C extends { edges: readonly { node: infer T }[] } ? T : never;
