import { reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import { passwordProblems } from '@qifu/domain';
import type { FieldErrors } from '@/api/graphql-errors';
import { useApiError } from '@/api/use-api-error';
import { CreateParkDocument, type CreateParkInput } from '@/gql/graphql';
import { notifySuccess } from '@/ui/feedback';

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
  const { report } = useApiError();
  const { executeMutation } = useMutation(CreateParkDocument);

  const form = reactive<ParkForm>(emptyForm());
  const errors = ref<FieldErrors>({});
  const submitting = ref(false);

  function reset(): void {
    Object.assign(form, emptyForm());
    errors.value = {};
  }

  function validate(): FieldErrors {
    const found: FieldErrors = {};
    for (const field of FORM_FIELDS) if (!form[field].trim()) found[field] = t('common.required');
    if (form.adminPassword && passwordProblems(form.adminPassword).length > 0) {
      found.adminPassword = t('user.passwordPolicy');
    }
    return found;
  }

  async function submit(): Promise<boolean> {
    if (submitting.value) return false;
    errors.value = validate();
    if (Object.keys(errors.value).length > 0) return false;
    submitting.value = true;
    try {
      const result = await executeMutation({
        input: {
          districtId: form.districtId,
          code: form.code.trim(),
          name: form.name.trim(),
          adminUsername: form.adminUsername.trim(),
          adminDisplayName: form.adminDisplayName.trim(),
          adminPassword: form.adminPassword,
        },
      });
      if (result.error || !result.data) {
        if (result.error) errors.value = report(result.error, FORM_FIELDS);
        return false;
      }
      notifySuccess(t('park.created'));
      reset();
      onCreated();
      return true;
    } finally {
      submitting.value = false;
    }
  }

  return { form, errors, submitting, submit, reset };
}
