/** A connection page as the API answers it: the nodes as edges, and where the page ends. */
export function connectionOf<T>(
  nodes: T[],
  page: { totalCount?: number; endCursor?: string | null; hasNextPage?: boolean } = {},
) {
  const edges = nodes.map((node, i) => ({ cursor: `cursor-${i}`, node }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage ?? false, endCursor: page.endCursor ?? null },
    totalCount: page.totalCount ?? nodes.length,
  };
}
