import { computed, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation, useQuery } from '@urql/vue';
import { useApiError } from '@/api/use-api-error';
import {
  DepartmentHeadCandidatesDocument,
  DepartmentsDocument,
  UpdateDepartmentDocument,
  type DepartmentRowFragment,
} from '@/gql/graphql';
import { confirmAction, notifySuccess } from '@/ui/feedback';

export function useDepartments() {
  const { t } = useI18n();
  const { report } = useApiError();

  const departmentsQuery = useQuery({ query: DepartmentsDocument });
  const headsQuery = useQuery({ query: DepartmentHeadCandidatesDocument });
  const { executeMutation: update } = useMutation(UpdateDepartmentDocument);

  watch(departmentsQuery.error, (error) => error && report(error));
  watch(headsQuery.error, (error) => error && report(error));

  const departments = computed(() => departmentsQuery.data.value?.departments ?? []);
  const heads = computed(() => (headsQuery.data.value?.users ?? []).filter((user) => user.active));
  const headNames = computed(
    () => new Map((headsQuery.data.value?.users ?? []).map((user) => [user.id, user.displayName] as const)),
  );

  function reload(): void {
    void departmentsQuery.executeQuery({ requestPolicy: 'network-only' });
  }

  async function toggleActive(department: DepartmentRowFragment): Promise<void> {
    const active = !department.active;
    if (
      !active &&
      !(await confirmAction({
        title: t('common.confirmTitle'),
        message: t('department.confirmDeactivate', { name: department.name }),
        confirmText: t('common.deactivate'),
        cancelText: t('common.cancel'),
      }))
    ) {
      return;
    }
    const result = await update({ input: { id: department.id, active } });
    if (result.error) {
      report(result.error);
      return;
    }
    notifySuccess(t(active ? 'department.activated' : 'department.deactivated'));
    reload();
  }

  return { departments, heads, headNames, loading: departmentsQuery.fetching, reload, toggleActive };
}
