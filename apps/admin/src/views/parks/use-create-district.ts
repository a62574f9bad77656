import { reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import type { FieldErrors } from '@/api/graphql-errors';
import { useApiError } from '@/api/use-api-error';
import { CreateDistrictDocument } from '@/gql/graphql';
import { notifySuccess } from '@/ui/feedback';

const FORM_FIELDS = ['code', 'name'] as const;

export function useCreateDistrict(onCreated: () => void) {
  const { t } = useI18n();
  const { report } = useApiError();
  const { executeMutation } = useMutation(CreateDistrictDocument);

  const form = reactive({ code: '', name: '' });
  const errors = ref<FieldErrors>({});
  const submitting = ref(false);

  function reset(): void {
    Object.assign(form, { code: '', name: '' });
    errors.value = {};
  }

  async function submit(): Promise<boolean> {
    if (submitting.value) return false;
    const found: FieldErrors = {};
    for (const field of FORM_FIELDS) if (!form[field].trim()) found[field] = t('common.required');
    errors.value = found;
    if (Object.keys(found).length > 0) return false;
    submitting.value = true;
    try {
      const result = await executeMutation({ input: { code: form.code.trim(), name: form.name.trim() } });
      if (result.error || !result.data) {
        if (result.error) errors.value = report(result.error, FORM_FIELDS);
        return false;
      }
      notifySuccess(t('district.created'));
      reset();
      onCreated();
      return true;
    } finally {
      submitting.value = false;
    }
  }

  return { form, errors, submitting, submit, reset };
}
