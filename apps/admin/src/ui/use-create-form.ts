import type { CombinedError } from '@urql/core';
import { computed, reactive, type MaybeRefOrGetter, type UnwrapNestedRefs } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FieldErrors } from '@/api/graphql-errors';
import { useFormDialog } from './use-form-dialog';

export interface CreateFormOptions<Form extends object, Data> {
  /** The form as it opens: blank fields. */
  empty: () => Form;
  fields: MaybeRefOrGetter<readonly string[]>;
  validate: (form: UnwrapNestedRefs<Form>) => FieldErrors;
  send: (form: UnwrapNestedRefs<Form>) => Promise<{ data?: Data | null; error?: CombinedError }>;
  /** The i18n key of the toast once created. */
  success: string;
  /** After the toast (the form is blank again): close, reload. */
  onCreated: () => void;
}

/** The form of a 新建 dialog: blank on opening, blank again once created or closed. */
export function useCreateForm<Form extends object, Data>(options: CreateFormOptions<Form, Data>) {
  const { t } = useI18n();
  const form = reactive(options.empty());

  const { errors, submitting, submit, clearErrors } = useFormDialog({
    model: form,
    fields: options.fields,
    validate: () => options.validate(form),
    send: () => options.send(form),
    success: options.success,
    onSaved: () => {
      reset();
      options.onCreated();
    },
  });

  function reset(): void {
    Object.assign(form, options.empty());
    clearErrors();
  }

  // The dialog (`v-bind="dialog"`) says 新建 on its button and is blank again once closed.
  const dialog = reactive({
    model: form,
    submit,
    submitting,
    submitLabel: computed(() => t('common.create')),
    onClosed: reset,
  });

  return { form, errors, submitting, submit, reset, dialog };
}

/** 必填: each of `fields` left blank (or only spaces) is named as required. */
export function requiredProblems<Field extends string>(
  form: Readonly<Record<Field, string>>,
  fields: readonly Field[],
  t: (key: string) => string,
): FieldErrors {
  const found: FieldErrors = {};
  for (const field of fields) if (!form[field].trim()) found[field] = t('common.required');
  return found;
}
