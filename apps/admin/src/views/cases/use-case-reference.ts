import { computed, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { useI18n } from 'vue-i18n';
import { useQuery } from '@urql/vue';
import type { ParkRules } from '@qifu/domain';
import { useApiError } from '@/api/use-api-error';
import { CaseReferenceDocument } from '@/gql/graphql';
import { buildCaseLabels, departmentOptions, type DepartmentRef } from './case-labels';

/**
 * The park's rules and departments for the case screens. `rulesVersion` undefined means the latest
 * rules (intake, ledger); a getter returning null waits (a case not loaded yet).
 */
export function useCaseReference(rulesVersion?: MaybeRefOrGetter<number | null>) {
  const { locale } = useI18n();
  const { report } = useApiError();

  const query = useQuery({
    query: CaseReferenceDocument,
    variables: computed(() => ({ rulesVersion: rulesVersion === undefined ? null : toValue(rulesVersion) })),
    pause: computed(() => rulesVersion !== undefined && toValue(rulesVersion) === null),
  });
  watch(query.error, (error) => error && report(error));

  // The rules JSON is validated by the API when published; the console only reads it.
  const rules = computed(() => query.data.value?.parkRules.rules as ParkRules | undefined);
  const departments = computed<DepartmentRef[]>(() => query.data.value?.departments ?? []);
  const labels = computed(() => buildCaseLabels(rules.value, departments.value, locale.value));
  const allDepartmentOptions = computed(() =>
    departmentOptions(departments.value, rules.value, locale.value),
  );

  return {
    rules,
    departments,
    labels,
    allDepartmentOptions,
    loading: query.fetching,
    failed: computed(() => Boolean(query.error.value)),
  };
}
