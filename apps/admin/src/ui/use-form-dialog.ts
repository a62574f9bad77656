import type { CombinedError } from '@urql/core';
import { reactive, ref, toValue, watch, type MaybeRefOrGetter, type Ref, type WatchSource } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FieldErrors } from '@/api/graphql-errors';
import { useApiError } from '@/api/use-api-error';
import { notifySuccess } from './feedback';

export interface FormSubmitOptions<Data> {
  /** The form's values (el-form's model), for the dialog to bind. */
  model?: object;
  /** The fields the form shows: the API's errors on them go beside them, the rest in a toast. */
  fields: MaybeRefOrGetter<readonly string[]>;
  /** Checks made before any round trip; what it returns shows beside the fields. */
  validate?: () => FieldErrors;
  /** The mutation; nothing is sent while it returns null (nothing to save yet). */
  send: () => Promise<{ data?: Data | null; error?: CombinedError }> | null;
  /** The i18n key of the toast once saved. */
  success?: string | ((data: Data) => string);
  /** After the toast: close, reload, tell the parent. */
  onSaved?: (data: Data) => void;
}

/**
 * The submit of a dialog's form: checks first, one request at a time, the API's field errors
 * beside their fields, a toast on success. Resolves true once saved.
 */
export function useFormDialog<Data>(options: FormSubmitOptions<Data>) {
  const { t } = useI18n();
  const { report } = useApiError();
  const errors = ref<FieldErrors>({});
  const submitting = ref(false);

  function clearErrors(): void {
    errors.value = {};
  }

  async function submit(): Promise<boolean> {
    if (submitting.value) return false;
    errors.value = options.validate?.() ?? {};
    if (Object.keys(errors.value).length > 0) return false;
    const request = options.send();
    if (!request) return false;
    submitting.value = true;
    try {
      const result = await request;
      if (result.error || !result.data) {
        if (result.error) errors.value = report(result.error, toValue(options.fields));
        return false;
      }
      const { success } = options;
      if (success) notifySuccess(t(typeof success === 'string' ? success : success(result.data)));
      options.onSaved?.(result.data);
      return true;
    } finally {
      submitting.value = false;
    }
  }

  // What the form-dialog is bound to (`v-bind="dialog"`), so each dialog names only its own.
  const dialog = reactive({ model: options.model, submit, submitting });

  return { errors, submitting, submit, clearErrors, dialog };
}

/** Starts the form afresh each time the dialog opens (or what it is opened on changes). */
export function startOnOpen<T>(
  open: Ref<boolean>,
  subject: WatchSource<T>,
  start: (subject: T) => void,
): void {
  watch(
    [open, subject] as const,
    ([isOpen, value]) => {
      if (isOpen) start(value as T);
    },
    { immediate: true },
  );
}

/** What a dialog does once saved: it closes, then tells its parent (`emit('saved')`). */
export function closeThen(open: Ref<boolean>, tell: () => void): () => void {
  return () => {
    open.value = false;
    tell();
  };
}

/**
 * The form of a dialog that edits `subject`: started afresh on it each time the dialog opens;
 * once saved the dialog closes, then emits `saved` to its parent.
 */
export function useEditDialog<Subject, Form extends { start: (subject: Subject) => void }>(
  useForm: (onSaved: () => void) => Form,
  open: Ref<boolean>,
  subject: WatchSource<Subject>,
  emit: (event: 'saved') => void,
): Form {
  const form = useForm(closeThen(open, () => emit('saved')));
  startOnOpen(open, subject, form.start);
  return form;
}
