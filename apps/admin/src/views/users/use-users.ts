import { computed, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation, useQuery } from '@urql/vue';
import { useApiError } from '@/api/use-api-error';
import {
  DepartmentsDocument,
  SetUserActiveDocument,
  UsersDocument,
  type UserRowFragment,
} from '@/gql/graphql';
import { confirmAction, notifySuccess } from '@/ui/feedback';
import type { DepartmentOption } from './user-grants';

export function useUsers() {
  const { t } = useI18n();
  const { report } = useApiError();

  const usersQuery = useQuery({ query: UsersDocument });
  const departmentsQuery = useQuery({ query: DepartmentsDocument });
  const { executeMutation: setActive } = useMutation(SetUserActiveDocument);

  watch(usersQuery.error, (error) => error && report(error));
  watch(departmentsQuery.error, (error) => error && report(error));

  const users = computed(() => usersQuery.data.value?.users ?? []);
  /** Department roles act for a 部室 of the park: only active PARK departments can be picked. */
  const departmentOptions = computed<DepartmentOption[]>(() =>
    (departmentsQuery.data.value?.departments ?? [])
      .filter((department) => department.active && department.kind === 'PARK')
      .map(({ id, name }) => ({ id, name })),
  );

  function reload(): void {
    void usersQuery.executeQuery({ requestPolicy: 'network-only' });
  }

  async function toggleActive(user: UserRowFragment): Promise<void> {
    const active = !user.active;
    if (
      !active &&
      !(await confirmAction({
        title: t('common.confirmTitle'),
        message: t('user.confirmDeactivate', { name: user.displayName }),
        confirmText: t('common.deactivate'),
        cancelText: t('common.cancel'),
      }))
    ) {
      return;
    }
    const result = await setActive({ input: { userId: user.id, active } });
    if (result.error) {
      report(result.error);
      return;
    }
    notifySuccess(t(active ? 'user.activated' : 'user.deactivated'));
    reload();
  }

  return {
    users,
    departmentOptions,
    loading: usersQuery.fetching,
    reload,
    toggleActive,
  };
}

/** Distinct department names a user acts for, for the table's department column. */
export function departmentNames(user: UserRowFragment): string[] {
  const names = user.roles
    .map((grant) => grant.department?.name)
    .filter((name): name is string => Boolean(name));
  return [...new Set(names)];
}
