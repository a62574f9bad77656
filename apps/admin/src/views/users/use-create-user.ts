import { reactive } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import { passwordProblems } from '@qifu/domain';
import type { FieldErrors } from '@/api/graphql-errors';
import { CreateUserDocument } from '@/gql/graphql';
import { useFormDialog } from '@/ui/use-form-dialog';
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
  const { executeMutation } = useMutation(CreateUserDocument);

  const form = reactive<CreateUserForm>({
    username: '',
    displayName: '',
    email: '',
    password: '',
    grants: [emptyGrant()],
  });

  function reset(): void {
    Object.assign(form, { username: '', displayName: '', email: '', password: '', grants: [emptyGrant()] });
    clearErrors();
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

  const { errors, submitting, submit, clearErrors } = useFormDialog({
    fields: () => [...FORM_FIELDS, ...grantPaths(form.grants.length)],
    validate,
    send: () =>
      executeMutation({
        input: {
          username: form.username.trim(),
          displayName: form.displayName.trim(),
          email: form.email.trim() || null,
          password: form.password,
          roles: toGrantInputs(form.grants),
        },
      }),
    success: 'user.created',
    onSaved: () => {
      reset();
      onCreated();
    },
  });

  return { form, errors, submitting, submit, reset };
}
