import { computed, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation, useQuery } from '@urql/vue';
import { useApiError } from '@/api/use-api-error';
import {
  OfficeAccountsDocument,
  SetOfficeAccountActiveDocument,
  type OfficeAccountRowFragment,
} from '@/gql/graphql';
import { confirmAction, notifySuccess } from '@/ui/feedback';

/** The outside offices' accounts the signed-in administrator manages. */
export function useOfficeAccounts() {
  const { t } = useI18n();
  const { report } = useApiError();
  const query = useQuery({ query: OfficeAccountsDocument });
  const { executeMutation: setActive } = useMutation(SetOfficeAccountActiveDocument);
  watch(query.error, (error) => error && report(error));

  const accounts = computed(() => query.data.value?.officeAccounts ?? []);

  function reload(): void {
    void query.executeQuery({ requestPolicy: 'network-only' });
  }

  async function toggleActive(account: OfficeAccountRowFragment): Promise<void> {
    const active = !account.active;
    if (
      !active &&
      !(await confirmAction({
        title: t('common.confirmTitle'),
        message: t('offices.accounts.confirmDeactivate', { name: account.displayName }),
        confirmText: t('common.deactivate'),
        cancelText: t('common.cancel'),
      }))
    )
      return;
    const result = await setActive({ input: { userId: account.id, active } });
    if (result.error) {
      report(result.error);
      return;
    }
    notifySuccess(t(active ? 'offices.accounts.activated' : 'offices.accounts.deactivated'));
    reload();
  }

  return { accounts, loading: query.fetching, reload, toggleActive };
}
