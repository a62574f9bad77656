import { computed, watch } from 'vue';
import { useMutation, useQuery } from '@urql/vue';
import { useApiError } from '@/api/use-api-error';
import {
  OfficeAccountsDocument,
  SetOfficeAccountActiveDocument,
  type OfficeAccountRowFragment,
} from '@/gql/graphql';
import { useToggleActive } from '@/ui/use-toggle-active';

/** The outside offices' accounts the signed-in administrator manages. */
export function useOfficeAccounts() {
  const { report } = useApiError();
  const query = useQuery({ query: OfficeAccountsDocument });
  const { executeMutation: setActive } = useMutation(SetOfficeAccountActiveDocument);
  watch(query.error, (error) => error && report(error));

  const accounts = computed(() => query.data.value?.officeAccounts ?? []);

  function reload(): void {
    void query.executeQuery({ requestPolicy: 'network-only' });
  }

  const toggleActive = useToggleActive<OfficeAccountRowFragment>({
    messages: 'offices.accounts',
    nameOf: (account) => account.displayName,
    send: (account, active) => setActive({ input: { userId: account.id, active } }),
    reload,
  });

  return { accounts, loading: query.fetching, reload, toggleActive };
}
