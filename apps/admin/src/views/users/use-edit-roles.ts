import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import { SetUserRolesDocument, type UserRowFragment } from '@/gql/graphql';
import { useFormDialog } from '@/ui/use-form-dialog';
import { grantPaths, toGrantDrafts, toGrantInputs, validateGrants, type GrantDraft } from './user-grants';

export function useEditRoles(onSaved: () => void) {
  const { t } = useI18n();
  const { executeMutation } = useMutation(SetUserRolesDocument);

  const user = ref<UserRowFragment | null>(null);
  const grants = ref<GrantDraft[]>([]);

  const { errors, submitting, submit, clearErrors, dialog } = useFormDialog({
    fields: () => grantPaths(grants.value.length),
    validate: () => validateGrants(grants.value, t),
    send: () =>
      user.value
        ? executeMutation({ input: { userId: user.value.id, roles: toGrantInputs(grants.value) } })
        : null,
    success: 'user.rolesSaved',
    onSaved,
  });

  /** Starts afresh on `target` (a dialog on no one stays as it was). */
  function start(target: UserRowFragment | null): void {
    if (!target) return;
    user.value = target;
    grants.value = toGrantDrafts(target.roles);
    clearErrors();
  }

  return { user, grants, errors, submitting, start, submit, dialog };
}
