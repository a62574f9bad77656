import { PASSWORD_RULES, passwordRuleResults } from '@qifu/domain';
import { computed, reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { CombinedError } from '@urql/core';
import { hasErrorCode, retryAfterSeconds } from '@/api/graphql-errors';
import { useApiError } from '@/api/use-api-error';
import { useSessionStore } from '@/stores/session';
import { waitText } from '@/views/login/use-login';

export type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';

const API_FIELDS: readonly PasswordField[] = ['currentPassword', 'newPassword'];

/**
 * The signed-in person changes their own password (changePassword): the current one, the new one
 * twice, the policy's rules shown as they type. The API ends every other session and this one goes
 * on with the tokens it returns.
 */
export function useChangePassword() {
  const { t } = useI18n();
  const session = useSessionStore();
  const { report } = useApiError();

  const form = reactive({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const errors = reactive<Record<PasswordField, string>>({
    currentPassword: '',
    newPassword: '',
    confirmPassword: '',
  });
  const submitting = ref(false);
  const changed = ref(false);
  /** Each rule of the policy (libs/domain, as the API checks it) and whether the new password meets it. */
  const rules = computed(() => passwordRuleResults(form.newPassword));

  function validate(): boolean {
    errors.currentPassword = form.currentPassword ? '' : t('account.currentRequired');
    errors.newPassword = rules.value.every((rule) => rule.met) ? '' : t('account.newWeak');
    errors.confirmPassword = !form.confirmPassword
      ? t('account.confirmRequired')
      : form.confirmPassword !== form.newPassword
        ? t('account.mismatch')
        : '';
    return !errors.currentPassword && !errors.newPassword && !errors.confirmPassword;
  }

  /** The API's refusal beside the field it names, in the console's words where it knows them. */
  function showRefusal(error: CombinedError): void {
    if (hasErrorCode(error, 'TOO_MANY_REQUESTS')) {
      // Wrong current passwords count as failed sign-ins and are slowed down alike.
      const wait = retryAfterSeconds(error);
      errors.currentPassword = wait
        ? t('account.tryAgainIn', { wait: waitText(wait, t) })
        : t('errors.tooManyRequests');
      return;
    }
    const shown = report(error, API_FIELDS);
    if (shown.currentPassword) errors.currentPassword = t('account.wrongCurrent');
    if (shown.newPassword) {
      const rule = PASSWORD_RULES.find((candidate) => candidate.message === shown.newPassword);
      errors.newPassword = rule ? t(`account.rules.${rule.code}`) : shown.newPassword;
    }
  }

  /** True once the password is changed; false with the errors shown beside their fields. */
  async function submit(): Promise<boolean> {
    if (submitting.value) return false;
    changed.value = false;
    if (!validate()) return false;
    submitting.value = true;
    try {
      const error = await session.changePassword({
        currentPassword: form.currentPassword,
        newPassword: form.newPassword,
      });
      if (error) {
        showRefusal(error);
        return false;
      }
      Object.assign(form, { currentPassword: '', newPassword: '', confirmPassword: '' });
      changed.value = true;
      return true;
    } finally {
      submitting.value = false;
    }
  }

  return { form, errors, rules, submitting, changed, submit };
}
