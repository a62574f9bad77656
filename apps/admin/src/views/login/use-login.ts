import { reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, useRouter } from 'vue-router';
import type { CombinedError } from '@urql/core';
import { fieldErrorsOf, hasErrorCode, isUnauthenticated, retryAfterSeconds } from '@/api/graphql-errors';
import { safeRedirect } from '@/router/guard';
import { useSessionStore } from '@/stores/session';

/** i18n key of the message a failed sign-in shows. */
export function loginErrorKey(error: CombinedError | null): string {
  if (hasErrorCode(error, 'TOO_MANY_REQUESTS')) return 'login.tooManyRequests';
  if (isUnauthenticated(error)) return 'login.invalidCredentials';
  if (error?.networkError) return 'errors.network';
  return 'login.failed';
}

type Translate = (key: string, values?: object) => string;

/** A wait the API asked for, as people say it: seconds under a minute, else whole minutes. */
export function waitText(seconds: number, t: Translate): string {
  return seconds < 60
    ? t('login.seconds', { n: seconds })
    : t('login.minutes', { n: Math.ceil(seconds / 60) });
}

/** The sign-in error to show; a throttled attempt says how long to wait. */
export function loginErrorText(error: CombinedError | null, t: Translate): string {
  const key = loginErrorKey(error);
  const wait = key === 'login.tooManyRequests' ? retryAfterSeconds(error) : null;
  if (!wait) return t(key);
  return t('login.tryAgainIn', { wait: waitText(wait, t) });
}

export function useLogin() {
  const { t } = useI18n();
  const session = useSessionStore();
  const router = useRouter();
  const route = useRoute();

  const form = reactive({ username: '', password: '' });
  const fieldErrors = reactive({ username: '', password: '' });
  const formError = ref('');
  const submitting = ref(false);

  function validate(): boolean {
    fieldErrors.username = form.username.trim() ? '' : t('login.usernameRequired');
    fieldErrors.password = form.password ? '' : t('login.passwordRequired');
    return !fieldErrors.username && !fieldErrors.password;
  }

  async function submit(): Promise<void> {
    if (submitting.value) return;
    formError.value = '';
    if (!validate()) return;
    submitting.value = true;
    try {
      const error = await session.login({ username: form.username.trim(), password: form.password });
      if (!error && session.isLoaded) {
        await router.replace(safeRedirect(route.query.redirect) ?? '/');
        return;
      }
      const fields = fieldErrorsOf(error);
      fieldErrors.username = fields.username ?? '';
      fieldErrors.password = fields.password ?? '';
      if (!fields.username && !fields.password) formError.value = loginErrorText(error, t);
      if (isUnauthenticated(error)) form.password = '';
    } finally {
      submitting.value = false;
    }
  }

  return { form, fieldErrors, formError, submitting, submit };
}
