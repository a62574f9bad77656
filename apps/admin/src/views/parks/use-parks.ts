import { computed, watch } from 'vue';
import { useQuery } from '@urql/vue';
import { useApiError } from '@/api/use-api-error';
import { DistrictsAndParksDocument } from '@/gql/graphql';

export function useParks() {
  const { report } = useApiError();
  const query = useQuery({ query: DistrictsAndParksDocument });
  watch(query.error, (error) => error && report(error));

  const districts = computed(() => query.data.value?.districts ?? []);
  const parks = computed(() => query.data.value?.parks ?? []);

  function reload(): void {
    void query.executeQuery({ requestPolicy: 'network-only' });
  }

  return { districts, parks, loading: query.fetching, reload };
}
