import { computed, watch } from 'vue';
import { useMutation, useQuery } from '@urql/vue';
import { useApiError } from '@/api/use-api-error';
import {
  DepartmentHeadCandidatesDocument,
  DepartmentsDocument,
  UpdateDepartmentDocument,
  type DepartmentRowFragment,
} from '@/gql/graphql';
import { useToggleActive } from '@/ui/use-toggle-active';

export function useDepartments() {
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

  const toggleActive = useToggleActive<DepartmentRowFragment>({
    messages: 'department',
    nameOf: (department) => department.name,
    send: (department, active) => update({ input: { id: department.id, active } }),
    reload,
  });

  return { departments, heads, headNames, loading: departmentsQuery.fetching, reload, toggleActive };
}
