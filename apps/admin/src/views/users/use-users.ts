import { computed, watch } from 'vue';
import { useMutation, useQuery } from '@urql/vue';
import { useApiError } from '@/api/use-api-error';
import {
  DepartmentsDocument,
  SetUserActiveDocument,
  UsersDocument,
  type UserRowFragment,
} from '@/gql/graphql';
import { useToggleActive } from '@/ui/use-toggle-active';
import type { DepartmentOption } from './user-grants';

export function useUsers() {
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

  const toggleActive = useToggleActive<UserRowFragment>({
    messages: 'user',
    nameOf: (user) => user.displayName,
    send: (user, active) => setActive({ input: { userId: user.id, active } }),
    reload,
  });

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
