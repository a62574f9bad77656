import { reactive } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import type { FieldErrors } from '@/api/graphql-errors';
import { CreateDistrictDocument } from '@/gql/graphql';
import { useFormDialog } from '@/ui/use-form-dialog';

const FORM_FIELDS = ['code', 'name'] as const;

export function useCreateDistrict(onCreated: () => void) {
  const { t } = useI18n();
  const { executeMutation } = useMutation(CreateDistrictDocument);

  const form = reactive({ code: '', name: '' });

  function reset(): void {
    Object.assign(form, { code: '', name: '' });
    clearErrors();
  }

  const { errors, submitting, submit, clearErrors } = useFormDialog({
    fields: FORM_FIELDS,
    validate: () => {
      const found: FieldErrors = {};
      for (const field of FORM_FIELDS) if (!form[field].trim()) found[field] = t('common.required');
      return found;
    },
    send: () => executeMutation({ input: { code: form.code.trim(), name: form.name.trim() } }),
    success: 'district.created',
    onSaved: () => {
      reset();
      onCreated();
    },
  });

  return { form, errors, submitting, submit, reset };
}
