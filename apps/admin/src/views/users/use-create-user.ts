import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import { CreateUserDocument } from '@/gql/graphql';
import { useCreateForm } from '@/ui/use-create-form';
import {
  ACCOUNT_FIELDS,
  accountInput,
  accountProblems,
  emptyAccount,
  type AccountFields,
} from './account-fields';
import { emptyGrant, grantPaths, toGrantInputs, validateGrants, type GrantDraft } from './user-grants';

export interface CreateUserForm extends AccountFields {
  grants: GrantDraft[];
}

export function useCreateUser(onCreated: () => void) {
  const { t } = useI18n();
  const { executeMutation } = useMutation(CreateUserDocument);

  const created = useCreateForm({
    empty: (): CreateUserForm => ({ ...emptyAccount(), grants: [emptyGrant()] }),
    fields: (): string[] => [...ACCOUNT_FIELDS, ...grantPaths(created.form.grants.length)],
    validate: (form) => ({ ...accountProblems(form, t), ...validateGrants(form.grants, t) }),
    send: (form) => executeMutation({ input: { ...accountInput(form), roles: toGrantInputs(form.grants) } }),
    success: 'user.created',
    onCreated,
  });
  return created;
}
