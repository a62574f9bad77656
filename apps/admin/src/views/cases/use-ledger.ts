import { ref, shallowRef } from 'vue';
import { useClientHandle } from '@urql/vue';
import { nodesOf } from '@/api/connections';
import { useApiError } from '@/api/use-api-error';
import {
  CaseLedgerDocument,
  type CaseLedgerQueryVariables,
  type CaseSummaryRowFragment,
  type LedgerFilter,
  type LedgerSort,
} from '@/gql/graphql';

/**
 * Pages of the ledger by cursor: `load` starts over with new variables, `loadMore` appends the next
 * page. An answer to an older request (filters changed meanwhile) is dropped.
 */
export function useLedger() {
  const { client } = useClientHandle();
  const { report } = useApiError();

  const items = shallowRef<CaseSummaryRowFragment[]>([]);
  const totalCount = ref(0);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const loadingMore = ref(false);
  let variables: CaseLedgerQueryVariables | null = null;
  let generation = 0;

  async function load(next: CaseLedgerQueryVariables): Promise<void> {
    const mine = ++generation;
    variables = next;
    loading.value = true;
    try {
      const result = await client.query(CaseLedgerDocument, next).toPromise();
      if (mine !== generation) return;
      if (result.error) report(result.error);
      const page = result.data?.ledger;
      items.value = nodesOf(page);
      totalCount.value = page?.totalCount ?? 0;
      nextCursor.value = page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  async function loadMore(): Promise<void> {
    if (!variables || !nextCursor.value || loadingMore.value) return;
    const mine = generation;
    loadingMore.value = true;
    try {
      const result = await client
        .query(CaseLedgerDocument, { ...variables, after: nextCursor.value })
        .toPromise();
      if (mine !== generation) return;
      if (result.error) {
        report(result.error);
        return;
      }
      const page = result.data?.ledger;
      if (!page) return;
      items.value = [...items.value, ...nodesOf(page)];
      totalCount.value = page.totalCount;
      nextCursor.value = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } finally {
      loadingMore.value = false;
    }
  }

  function reload(): Promise<void> {
    return variables ? load(variables) : Promise.resolve();
  }

  /** The filter and sort of the rows shown (the last `load`): what an export must select too. */
  function shown(): { filter: LedgerFilter; sort: LedgerSort } | null {
    return variables ? { filter: variables.filter ?? {}, sort: variables.sort } : null;
  }

  return { items, totalCount, nextCursor, loading, loadingMore, load, loadMore, reload, shown };
}
