import { passwordProblems } from '@qifu/domain';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import type { FieldErrors } from '@/api/graphql-errors';
import { ResetUserPasswordDocument, type UserRowFragment } from '@/gql/graphql';
import { useFormDialog } from '@/ui/use-form-dialog';

/**
 * The park administrator sets a temporary password for a person who forgot theirs or whose
 * account is being guessed at: every session of theirs ends at once.
 */
export function useResetPassword(onSaved: () => void) {
  const { t } = useI18n();
  const { executeMutation } = useMutation(ResetUserPasswordDocument);

  const user = ref<UserRowFragment | null>(null);
  const password = ref('');

  const { errors, submitting, submit, clearErrors, dialog } = useFormDialog({
    fields: ['password'],
    // The same policy as the API's, so a weak password never makes a round trip.
    validate: (): FieldErrors =>
      passwordProblems(password.value).length > 0 ? { password: t('user.passwordPolicy') } : {},
    send: () =>
      user.value ? executeMutation({ input: { userId: user.value.id, password: password.value } }) : null,
    success: 'user.passwordReset',
    onSaved,
  });

  /** Starts afresh on `target` (a dialog on no one stays as it was). */
  function start(target: UserRowFragment | null): void {
    if (!target) return;
    user.value = target;
    password.value = '';
    clearErrors();
  }

  return { user, value: password, errors, submitting, start, submit, dialog };
}
