import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import { passwordProblems } from '@qifu/domain';
import { CreateParkDocument, type CreateParkInput } from '@/gql/graphql';
import { requiredProblems, useCreateForm } from '@/ui/use-create-form';

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

  return useCreateForm({
    empty: emptyForm,
    fields: FORM_FIELDS,
    validate: (form) => {
      const found = requiredProblems(form, FORM_FIELDS, t);
      if (form.adminPassword && passwordProblems(form.adminPassword).length > 0) {
        found.adminPassword = t('user.passwordPolicy');
      }
      return found;
    },
    send: (form) =>
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
    onCreated,
  });
}
