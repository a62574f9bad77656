import { computed, reactive, ref, watch } from 'vue';
import { useQuery } from '@urql/vue';
import { nodesOf, type NodeOf } from '@/api/connections';
import { useApiError } from '@/api/use-api-error';
import { MyOfficeDocument, OfficeCasesDocument, type OfficeCasesQuery } from '@/gql/graphql';

type Item = NodeOf<OfficeCasesQuery['officeCases']>;

export interface OfficeCaseFilterForm {
  keyword: string;
  handedOverOnly: boolean;
  overdueOnly: boolean;
}

const PAGE = 50;

/** The cases copied or handed over to the viewer's office, latest first, a page at a time. */
export function useOfficeCases() {
  const { report } = useApiError();
  const filter = reactive<OfficeCaseFilterForm>({ keyword: '', handedOverOnly: false, overdueOnly: false });
  const after = ref<string | null>(null);
  const earlier = ref<Item[]>([]);

  const variables = computed(() => ({
    filter: {
      ...(filter.keyword.trim() ? { keyword: filter.keyword.trim() } : {}),
      ...(filter.handedOverOnly ? { handedOver: true } : {}),
      ...(filter.overdueOnly ? { overdue: true } : {}),
    },
    first: PAGE,
    after: after.value,
  }));
  const query = useQuery({ query: OfficeCasesDocument, variables });
  const office = useQuery({ query: MyOfficeDocument });
  watch(query.error, (error) => error && report(error));

  // A new filter starts from the first page again.
  watch(
    () => [filter.keyword, filter.handedOverOnly, filter.overdueOnly],
    () => {
      earlier.value = [];
      after.value = null;
    },
  );

  const page = computed(() => query.data.value?.officeCases);
  const items = computed(() => [...earlier.value, ...nodesOf(page.value)]);
  const nextCursor = computed(() =>
    page.value?.pageInfo.hasNextPage ? page.value.pageInfo.endCursor : null,
  );

  function loadMore(): void {
    if (!nextCursor.value) return;
    earlier.value = items.value;
    after.value = nextCursor.value;
  }

  return {
    filter,
    items,
    totalCount: computed(() => page.value?.totalCount ?? 0),
    hasMore: computed(() => Boolean(nextCursor.value)),
    loading: query.fetching,
    officeName: computed(() => office.data.value?.me.office?.name ?? ''),
    loadMore,
  };
}
