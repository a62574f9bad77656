import type { CombinedError } from '@urql/core';
import { useI18n } from 'vue-i18n';
import { notifyError } from '@/ui/feedback';
import { errorCodes, fieldErrorsOf, messageOf, type FieldErrors } from './graphql-errors';

const CODE_MESSAGES: Record<string, string> = {
  FORBIDDEN: 'errors.forbidden',
  CONFLICT: 'errors.conflict',
  NOT_FOUND: 'errors.notFound',
  TOO_MANY_REQUESTS: 'errors.tooManyRequests',
  UNAUTHENTICATED: 'errors.sessionExpired',
};

/**
 * Turns an API error into what the user sees: field errors (returned, to show beside the fields
 * listed in `formFields`) or a toast in the current language for everything else.
 */
export function useApiError() {
  const { t } = useI18n();

  function report(error: CombinedError, formFields: readonly string[] = []): FieldErrors {
    const fields = fieldErrorsOf(error);
    const shown: FieldErrors = {};
    const unplaced: string[] = [];
    for (const [path, message] of Object.entries(fields)) {
      if (formFields.includes(path)) shown[path] = message;
      else unplaced.push(message);
    }
    if (Object.keys(fields).length > 0) {
      // Errors for fields the form does not show must not vanish silently.
      if (unplaced.length > 0) notifyError([t('errors.invalidInput'), ...unplaced].join(' · '));
      return shown;
    }
    // A park template that cannot be used: the API's message names it and says what to do.
    const templateProblem = messageOf(error, 'TEMPLATE_INVALID');
    if (templateProblem) {
      notifyError(templateProblem);
      return shown;
    }
    const code = errorCodes(error).find((c) => c in CODE_MESSAGES);
    if (code) notifyError(t(CODE_MESSAGES[code]));
    else if (errorCodes(error).includes('BAD_USER_INPUT')) notifyError(t('errors.invalidInput'));
    else if (error.networkError) notifyError(t('errors.network'));
    else notifyError(t('errors.unknown'));
    return shown;
  }

  return { report };
}
