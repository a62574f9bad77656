import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useClientHandle } from '@urql/vue';
import { hasErrorCode, type FieldErrors } from '@/api/graphql-errors';
import { useApiError } from '@/api/use-api-error';
import type { CaseDetailFieldsFragment } from '@/gql/graphql';
import { notifySuccess } from '@/ui/feedback';
import {
  ACTION_SPECS,
  emptyActionForm,
  initialActionForm,
  type ActionContext,
  type ActionForm,
  type CaseActionType,
} from './case-actions';

export type ActOutcomeKind = 'done' | 'conflict' | 'failed' | 'invalid';

/** Local date as YYYY-MM-DD: dates in the forms are the park's calendar days, not UTC ones. */
export function localIsoDate(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * One act on a case: its form, client checks, the mutation with the version the user saw, and what
 * came of it. A stale version (CONFLICT) is reported as such so the page can reload the case.
 */
export function useCaseAction(callbacks: {
  onDone(updated: CaseDetailFieldsFragment): void;
  onConflict(): void;
}) {
  const { t } = useI18n();
  const { report } = useApiError();
  const { client } = useClientHandle();

  const activeAction = ref<CaseActionType | null>(null);
  const form = ref<ActionForm>(emptyActionForm());
  const errors = ref<FieldErrors>({});
  const submitting = ref(false);

  function start(type: CaseActionType, context: Omit<ActionContext, 't' | 'today'>): void {
    activeAction.value = type;
    form.value = initialActionForm(type, { ...context, t, today: localIsoDate() });
    errors.value = {};
  }

  async function submit(context: Omit<ActionContext, 't' | 'today'>): Promise<ActOutcomeKind> {
    const type = activeAction.value;
    if (!type || submitting.value) return 'invalid';
    const spec = ACTION_SPECS[type];
    errors.value = spec.validate(form.value, { ...context, t, today: localIsoDate() });
    if (Object.keys(errors.value).length > 0) return 'invalid';
    submitting.value = true;
    try {
      const { caseData } = context;
      const outcome = await spec.run(client, { caseId: caseData.id, version: caseData.version }, form.value);
      if (outcome.error || !outcome.data) {
        if (outcome.error && hasErrorCode(outcome.error, 'CONFLICT')) {
          callbacks.onConflict();
          return 'conflict';
        }
        if (outcome.error) errors.value = report(outcome.error, spec.fields);
        return 'failed';
      }
      notifySuccess(t('case.acted', { action: t(`case.actions.${type}`) }));
      callbacks.onDone(outcome.data);
      return 'done';
    } finally {
      submitting.value = false;
    }
  }

  return { activeAction, form, errors, submitting, start, submit };
}
