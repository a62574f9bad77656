import { reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import { passwordProblems } from '@qifu/domain';
import type { FieldErrors } from '@/api/graphql-errors';
import { useApiError } from '@/api/use-api-error';
import { CreateUserDocument } from '@/gql/graphql';
import { notifySuccess } from '@/ui/feedback';
import { emailProblem } from './use-edit-email';
import { emptyGrant, grantPaths, toGrantInputs, validateGrants, type GrantDraft } from './user-grants';

export interface CreateUserForm {
  username: string;
  displayName: string;
  email: string;
  password: string;
  grants: GrantDraft[];
}

const FORM_FIELDS = ['username', 'displayName', 'email', 'password'] as const;

export function useCreateUser(onCreated: () => void) {
  const { t } = useI18n();
  const { report } = useApiError();
  const { executeMutation } = useMutation(CreateUserDocument);

  const form = reactive<CreateUserForm>({
    username: '',
    displayName: '',
    email: '',
    password: '',
    grants: [emptyGrant()],
  });
  const errors = ref<FieldErrors>({});
  const submitting = ref(false);

  function reset(): void {
    Object.assign(form, { username: '', displayName: '', email: '', password: '', grants: [emptyGrant()] });
    errors.value = {};
  }

  function validate(): FieldErrors {
    const found: FieldErrors = {};
    if (!form.username.trim()) found.username = t('common.required');
    if (!form.displayName.trim()) found.displayName = t('common.required');
    const email = emailProblem(form.email, t);
    if (email) found.email = email;
    if (passwordProblems(form.password).length > 0) found.password = t('user.passwordPolicy');
    return { ...found, ...validateGrants(form.grants, t) };
  }

  async function submit(): Promise<boolean> {
    if (submitting.value) return false;
    errors.value = validate();
    if (Object.keys(errors.value).length > 0) return false;
    submitting.value = true;
    try {
      const result = await executeMutation({
        input: {
          username: form.username.trim(),
          displayName: form.displayName.trim(),
          email: form.email.trim() || null,
          password: form.password,
          roles: toGrantInputs(form.grants),
        },
      });
      if (result.error || !result.data) {
        if (result.error)
          errors.value = report(result.error, [...FORM_FIELDS, ...grantPaths(form.grants.length)]);
        return false;
      }
      notifySuccess(t('user.created'));
      reset();
      onCreated();
      return true;
    } finally {
      submitting.value = false;
    }
  }

  return { form, errors, submitting, submit, reset };
}
