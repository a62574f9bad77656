import { passwordProblems } from '@qifu/domain';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import type { FieldErrors } from '@/api/graphql-errors';
import { useApiError } from '@/api/use-api-error';
import { ResetUserPasswordDocument, type UserRowFragment } from '@/gql/graphql';
import { notifySuccess } from '@/ui/feedback';

/**
 * The park administrator sets a temporary password for a person who forgot theirs or whose
 * account is being guessed at: every session of theirs ends at once.
 */
export function useResetPassword(onSaved: () => void) {
  const { t } = useI18n();
  const { report } = useApiError();
  const { executeMutation } = useMutation(ResetUserPasswordDocument);

  const user = ref<UserRowFragment | null>(null);
  const password = ref('');
  const errors = ref<FieldErrors>({});
  const submitting = ref(false);

  function start(target: UserRowFragment): void {
    user.value = target;
    password.value = '';
    errors.value = {};
  }

  async function submit(): Promise<boolean> {
    if (!user.value || submitting.value) return false;
    // The same policy as the API's, so a weak password never makes a round trip.
    const problem = passwordProblems(password.value).length > 0 ? t('user.passwordPolicy') : null;
    errors.value = problem ? { password: problem } : {};
    if (problem) return false;
    submitting.value = true;
    try {
      const result = await executeMutation({ input: { userId: user.value.id, password: password.value } });
      if (result.error || !result.data) {
        if (result.error) errors.value = report(result.error, ['password']);
        return false;
      }
      notifySuccess(t('user.passwordReset'));
      onSaved();
      return true;
    } finally {
      submitting.value = false;
    }
  }

  return { user, password, errors, submitting, start, submit };
}
