import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import { CreateDistrictDocument } from '@/gql/graphql';
import { requiredProblems, useCreateForm } from '@/ui/use-create-form';

const FORM_FIELDS = ['code', 'name'] as const;

export function useCreateDistrict(onCreated: () => void) {
  const { t } = useI18n();
  const { executeMutation } = useMutation(CreateDistrictDocument);

  return useCreateForm({
    empty: () => ({ code: '', name: '' }),
    fields: FORM_FIELDS,
    validate: (form) => requiredProblems(form, FORM_FIELDS, t),
    send: (form) => executeMutation({ input: { code: form.code.trim(), name: form.name.trim() } }),
    success: 'district.created',
    onCreated,
  });
}
