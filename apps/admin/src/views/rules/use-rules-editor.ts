import { computed, ref, watch, watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import { useClientHandle, useMutation, useQuery } from '@urql/vue';
import type { CombinedError } from '@urql/core';
import type { ParkRules, RulesProblem } from '@qifu/domain';
import { fieldErrorsOf, hasErrorCode, type FieldErrors } from '@/api/graphql-errors';
import { useApiError } from '@/api/use-api-error';
import { useAbility } from '@/auth/use-ability';
import {
  ParkRulesEditorDocument,
  ParkRulesPendingChangesDocument,
  PublishParkRulesDocument,
  ValidateParkRulesDocument,
  type RulesChangeFieldsFragment,
  type RulesVersionFieldsFragment,
} from '@/gql/graphql';
import { notifyError, notifySuccess } from '@/ui/feedback';
import { useRulesDraftStore } from './rules-draft-store';
import { rulesPathOfInputField } from './rules-paths';

/**
 * Loads the latest rules into the draft store, and publishes the draft: check it
 * (validateParkRules), show what changes (parkRulesChanges), then publish against the version
 * the edit started from, so that two admins cannot overwrite each other (CONFLICT).
 */
export function useRulesEditor() {
  const { t } = useI18n();
  const { report } = useApiError();
  const { can } = useAbility();
  const { client } = useClientHandle();
  const store = useRulesDraftStore();

  watchEffect(() => {
    store.editable = can('update', 'ParkRules');
  });

  const query = useQuery({ query: ParkRulesEditorDocument });
  const { executeMutation: validateMutation } = useMutation(ValidateParkRulesDocument);
  const { executeMutation: publishMutation } = useMutation(PublishParkRulesDocument);

  function loadVersion(version: RulesVersionFieldsFragment & { rules: unknown }): void {
    // The API validated these rules when they were published.
    store.load({
      version: version.version,
      effectiveFrom: version.effectiveFrom,
      rules: version.rules as ParkRules,
    });
  }

  watch(
    query.data,
    (data) => {
      if (data) loadVersion(data.parkRules);
    },
    { immediate: true },
  );
  watch(query.error, (error) => error && report(error));

  const loading = computed(() => query.fetching.value && !store.draft);
  const loadFailed = computed(() => Boolean(query.error.value) && !store.draft);
  /** Someone else published while this draft was edited. */
  const conflict = ref(false);

  function reload(): void {
    conflict.value = false;
    store.reset();
    void query.executeQuery({ requestPolicy: 'network-only' });
  }

  /** Problems of the rules in a BAD_USER_INPUT error (paths `rules.<domain path>`), others apart. */
  function splitFieldErrors(error: CombinedError): { problems: RulesProblem[]; others: FieldErrors } {
    const problems: RulesProblem[] = [];
    const others: FieldErrors = {};
    for (const extension of error.graphQLErrors.map((e) => e.extensions ?? {})) {
      if (extension.code !== 'BAD_USER_INPUT' || !Array.isArray(extension.fields)) continue;
      for (const field of extension.fields as { path?: unknown; message?: unknown }[]) {
        if (typeof field.path !== 'string' || typeof field.message !== 'string') continue;
        const path = rulesPathOfInputField(field.path);
        if (path !== null) problems.push({ path, message: field.message });
      }
    }
    for (const [path, message] of Object.entries(fieldErrorsOf(error))) {
      if (rulesPathOfInputField(path) === null) others[path] = message;
    }
    return { problems, others };
  }

  function showProblems(problems: RulesProblem[]): void {
    store.setProblems(problems);
    if (problems.length === 0) return;
    notifyError(t('rules.problems.notify', { count: problems.length }));
    store.focusProblem(problems[0].path);
  }

  const validating = ref(false);

  /** Checks the draft on the server; true when it can be published. */
  async function validate(options: { quiet?: boolean } = {}): Promise<boolean> {
    if (!store.draft || validating.value) return false;
    validating.value = true;
    try {
      const result = await validateMutation({ input: { rules: store.snapshot() } });
      if (result.error || !result.data) {
        if (result.error) report(result.error);
        return false;
      }
      const { ok, problems } = result.data.validateParkRules;
      showProblems(problems);
      if (ok && !options.quiet) notifySuccess(t('rules.valid'));
      return ok;
    } finally {
      validating.value = false;
    }
  }

  const dialogOpen = ref(false);
  const pendingChanges = ref<RulesChangeFieldsFragment[]>([]);
  const dialogErrors = ref<FieldErrors>({});
  const preparing = ref(false);
  const publishing = ref(false);

  /** Validate, then list what publishing would change and ask for the date and a note. */
  async function preparePublish(): Promise<void> {
    if (preparing.value) return;
    preparing.value = true;
    try {
      if (!(await validate({ quiet: true }))) return;
      const result = await client
        .query(ParkRulesPendingChangesDocument, { rules: store.snapshot() })
        .toPromise();
      if (result.error || !result.data) {
        if (result.error) {
          const { problems } = splitFieldErrors(result.error);
          if (problems.length > 0) showProblems(problems);
          else report(result.error);
        }
        return;
      }
      pendingChanges.value = result.data.parkRulesChanges;
      dialogErrors.value = {};
      dialogOpen.value = true;
    } finally {
      preparing.value = false;
    }
  }

  async function publish(options: { effectiveFrom: string; note: string }): Promise<void> {
    if (!store.base || publishing.value) return;
    publishing.value = true;
    dialogErrors.value = {};
    try {
      const result = await publishMutation({
        input: {
          rules: store.snapshot(),
          baseVersion: store.base.version,
          ...(options.effectiveFrom ? { effectiveFrom: options.effectiveFrom } : {}),
          ...(options.note.trim() ? { note: options.note.trim() } : {}),
        },
      });
      if (result.data) {
        const published = result.data.publishParkRules;
        loadVersion(published);
        dialogOpen.value = false;
        notifySuccess(
          t('rules.publish.published', {
            version: published.version,
            effectiveFrom: published.effectiveFrom,
          }),
        );
        return;
      }
      if (!result.error) return;
      if (hasErrorCode(result.error, 'CONFLICT')) {
        dialogOpen.value = false;
        conflict.value = true;
        return;
      }
      const { problems, others } = splitFieldErrors(result.error);
      if (problems.length > 0) {
        dialogOpen.value = false;
        showProblems(problems);
      } else if (Object.keys(others).length > 0) {
        dialogErrors.value = others;
      } else {
        report(result.error);
      }
    } finally {
      publishing.value = false;
    }
  }

  return {
    store,
    loading,
    loadFailed,
    conflict,
    reload,
    validating,
    validate,
    preparing,
    preparePublish,
    dialogOpen,
    pendingChanges,
    dialogErrors,
    publishing,
    publish,
  };
}
