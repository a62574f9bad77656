import { ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { useClientHandle } from '@urql/vue';
import { hasErrorCode } from '@/api/graphql-errors';
import { useApiError } from '@/api/use-api-error';
import { CaseDetailDocument, type CaseDetailFieldsFragment } from '@/gql/graphql';

/** One case, loaded by id, replaced by what each act returns, reloaded on demand (e.g. after CONFLICT). */
export function useCaseDetail(id: MaybeRefOrGetter<string>) {
  const { client } = useClientHandle();
  const { report } = useApiError();

  const caseData = shallowRef<CaseDetailFieldsFragment | null>(null);
  const loading = ref(false);
  /** The case does not exist, or this user may not see it (the API answers alike). */
  const missing = ref(false);
  let generation = 0;

  async function load(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    try {
      const result = await client.query(CaseDetailDocument, { id: toValue(id) }).toPromise();
      if (mine !== generation) return;
      if (result.data) {
        caseData.value = result.data.case;
        missing.value = false;
        return;
      }
      if (hasErrorCode(result.error, 'NOT_FOUND') || hasErrorCode(result.error, 'FORBIDDEN')) {
        caseData.value = null;
        missing.value = true;
      } else if (result.error) {
        report(result.error);
      }
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  function replace(updated: CaseDetailFieldsFragment): void {
    caseData.value = updated;
  }

  watch(() => toValue(id), load, { immediate: true });

  return { caseData, loading, missing, load, replace };
}
