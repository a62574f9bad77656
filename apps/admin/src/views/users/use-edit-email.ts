import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import type { FieldErrors } from '@/api/graphql-errors';
import { SetUserEmailDocument, type UserRowFragment } from '@/gql/graphql';
import { useFormDialog } from '@/ui/use-form-dialog';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Empty is allowed (no e-mail notifications); anything else must look like an address. */
export function emailProblem(email: string, t: (key: string) => string): string | null {
  const trimmed = email.trim();
  return trimmed === '' || EMAIL.test(trimmed) ? null : t('user.emailInvalid');
}

export function useEditEmail(onSaved: () => void) {
  const { t } = useI18n();
  const { executeMutation } = useMutation(SetUserEmailDocument);

  const user = ref<UserRowFragment | null>(null);
  const email = ref('');

  const { errors, submitting, submit, clearErrors, dialog } = useFormDialog({
    fields: ['email'],
    validate: (): FieldErrors => {
      const problem = emailProblem(email.value, t);
      return problem ? { email: problem } : {};
    },
    send: () =>
      user.value
        ? executeMutation({ input: { userId: user.value.id, email: email.value.trim() || null } })
        : null,
    success: 'user.emailSaved',
    onSaved,
  });

  /** Starts afresh on `target` (a dialog on no one stays as it was). */
  function start(target: UserRowFragment | null): void {
    if (!target) return;
    user.value = target;
    email.value = target.email ?? '';
    clearErrors();
  }

  return { user, value: email, errors, submitting, start, submit, dialog };
}
