import { reactive } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import { passwordProblems } from '@qifu/domain';
import type { FieldErrors } from '@/api/graphql-errors';
import { CreateParkDocument, type CreateParkInput } from '@/gql/graphql';
import { useFormDialog } from '@/ui/use-form-dialog';

type ParkForm = Record<keyof CreateParkInput, string>;

const FORM_FIELDS = [
  'districtId',
  'code',
  'name',
  'adminUsername',
  'adminDisplayName',
  'adminPassword',
] as const;

function emptyForm(): ParkForm {
  return { districtId: '', code: '', name: '', adminUsername: '', adminDisplayName: '', adminPassword: '' };
}

/** Creates a park together with its first park administrator (one mutation, one transaction server-side). */
export function useCreatePark(onCreated: () => void) {
  const { t } = useI18n();
  const { executeMutation } = useMutation(CreateParkDocument);

  const form = reactive<ParkForm>(emptyForm());

  function reset(): void {
    Object.assign(form, emptyForm());
    clearErrors();
  }

  function validate(): FieldErrors {
    const found: FieldErrors = {};
    for (const field of FORM_FIELDS) if (!form[field].trim()) found[field] = t('common.required');
    if (form.adminPassword && passwordProblems(form.adminPassword).length > 0) {
      found.adminPassword = t('user.passwordPolicy');
    }
    return found;
  }

  const { errors, submitting, submit, clearErrors } = useFormDialog({
    fields: FORM_FIELDS,
    validate,
    send: () =>
      executeMutation({
        input: {
          districtId: form.districtId,
          code: form.code.trim(),
          name: form.name.trim(),
          adminUsername: form.adminUsername.trim(),
          adminDisplayName: form.adminDisplayName.trim(),
          adminPassword: form.adminPassword,
        },
      }),
    success: 'park.created',
    onSaved: () => {
      reset();
      onCreated();
    },
  });

  return { form, errors, submitting, submit, reset };
}
