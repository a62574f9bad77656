import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import type { FieldErrors } from '@/api/graphql-errors';
import { useApiError } from '@/api/use-api-error';
import { SetUserEmailDocument, type UserRowFragment } from '@/gql/graphql';
import { notifySuccess } from '@/ui/feedback';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Empty is allowed (no e-mail notifications); anything else must look like an address. */
export function emailProblem(email: string, t: (key: string) => string): string | null {
  const trimmed = email.trim();
  return trimmed === '' || EMAIL.test(trimmed) ? null : t('user.emailInvalid');
}

export function useEditEmail(onSaved: () => void) {
  const { t } = useI18n();
  const { report } = useApiError();
  const { executeMutation } = useMutation(SetUserEmailDocument);

  const user = ref<UserRowFragment | null>(null);
  const email = ref('');
  const errors = ref<FieldErrors>({});
  const submitting = ref(false);

  function start(target: UserRowFragment): void {
    user.value = target;
    email.value = target.email ?? '';
    errors.value = {};
  }

  async function submit(): Promise<boolean> {
    if (!user.value || submitting.value) return false;
    const problem = emailProblem(email.value, t);
    errors.value = problem ? { email: problem } : {};
    if (problem) return false;
    submitting.value = true;
    try {
      const result = await executeMutation({
        input: { userId: user.value.id, email: email.value.trim() || null },
      });
      if (result.error || !result.data) {
        if (result.error) errors.value = report(result.error, ['email']);
        return false;
      }
      notifySuccess(t('user.emailSaved'));
      onSaved();
      return true;
    } finally {
      submitting.value = false;
    }
  }

  return { user, email, errors, submitting, start, submit };
}
