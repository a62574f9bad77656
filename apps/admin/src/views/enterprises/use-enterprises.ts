import { computed, ref, watch } from 'vue';
import { useQuery } from '@urql/vue';
import { nodesOf } from '@/api/connections';
import { useApiError } from '@/api/use-api-error';
import { EnterpriseLinkCandidatesDocument, EnterpriseRegisterDocument } from '@/gql/graphql';

/** The register's rows by keyword, and whom an enterprise may be linked to. */
export function useEnterprises() {
  const { report } = useApiError();
  const keyword = ref('');
  const register = useQuery({
    query: EnterpriseRegisterDocument,
    variables: computed(() => ({ keyword: keyword.value.trim() || null, first: 200 })),
  });
  const candidates = useQuery({ query: EnterpriseLinkCandidatesDocument });
  watch(register.error, (error) => error && report(error));
  watch(candidates.error, (error) => error && report(error));

  const enterprises = computed(() => nodesOf(register.data.value?.enterprises));
  // Active park departments; active people who work on cases (not the administrator alone).
  const departments = computed(() =>
    (candidates.data.value?.departments ?? []).filter((d) => d.kind === 'PARK' && d.active),
  );
  const cadres = computed(() =>
    (candidates.data.value?.users ?? []).filter(
      (user) => user.active && user.roles.some((grant) => grant.role !== 'PARK_ADMIN'),
    ),
  );

  function reload(): void {
    void register.executeQuery({ requestPolicy: 'network-only' });
  }

  return { keyword, enterprises, departments, cadres, loading: register.fetching, reload };
}
