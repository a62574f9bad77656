import { computed, reactive, ref, watch } from 'vue';
import { useQuery } from '@urql/vue';
import { useApiError } from '@/api/use-api-error';
import { MyOfficeDocument, OfficeCasesDocument, type OfficeCasesQuery } from '@/gql/graphql';

type Item = OfficeCasesQuery['officeCases']['items'][number];

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
  const items = computed(() => [...earlier.value, ...(page.value?.items ?? [])]);

  function loadMore(): void {
    if (!page.value?.nextCursor) return;
    earlier.value = items.value;
    after.value = page.value.nextCursor;
  }

  return {
    filter,
    items,
    totalCount: computed(() => page.value?.totalCount ?? 0),
    hasMore: computed(() => Boolean(page.value?.nextCursor)),
    loading: query.fetching,
    officeName: computed(() => office.data.value?.me.office?.name ?? ''),
    loadMore,
  };
}
