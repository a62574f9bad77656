import { computed, reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import type { FieldErrors } from '@/api/graphql-errors';
import { useApiError } from '@/api/use-api-error';
import {
  CreateDepartmentDocument,
  UpdateDepartmentDocument,
  type DepartmentKind,
  type DepartmentRowFragment,
} from '@/gql/graphql';
import { notifySuccess } from '@/ui/feedback';

export interface DepartmentForm {
  code: string;
  name: string;
  kind: DepartmentKind;
  headUserId: string;
}

const FORM_FIELDS = ['code', 'name', 'kind', 'headUserId'] as const;

/** One form for both dialogs: `editing` null means "create". */
export function useDepartmentForm(onSaved: () => void) {
  const { t } = useI18n();
  const { report } = useApiError();
  const { executeMutation: create } = useMutation(CreateDepartmentDocument);
  const { executeMutation: update } = useMutation(UpdateDepartmentDocument);

  const editing = ref<DepartmentRowFragment | null>(null);
  const form = reactive<DepartmentForm>({ code: '', name: '', kind: 'PARK', headUserId: '' });
  const errors = ref<FieldErrors>({});
  const submitting = ref(false);
  const isEdit = computed(() => editing.value !== null);

  function start(department: DepartmentRowFragment | null): void {
    editing.value = department;
    Object.assign(form, {
      code: department?.code ?? '',
      name: department?.name ?? '',
      kind: department?.kind ?? 'PARK',
      headUserId: department?.headUserId ?? '',
    });
    errors.value = {};
  }

  function validate(): FieldErrors {
    const found: FieldErrors = {};
    if (!isEdit.value && !form.code.trim()) found.code = t('common.required');
    if (!form.name.trim()) found.name = t('common.required');
    return found;
  }

  async function submit(): Promise<boolean> {
    if (submitting.value) return false;
    errors.value = validate();
    if (Object.keys(errors.value).length > 0) return false;
    submitting.value = true;
    try {
      const current = editing.value;
      const result = current
        ? await update({
            input: {
              id: current.id,
              name: form.name.trim(),
              // Only send the head when it changed; null clears it.
              ...(form.headUserId !== (current.headUserId ?? '')
                ? { headUserId: form.headUserId || null }
                : {}),
            },
          })
        : await create({
            input: {
              code: form.code.trim(),
              name: form.name.trim(),
              kind: form.kind,
              ...(form.headUserId ? { headUserId: form.headUserId } : {}),
            },
          });
      if (result.error || !result.data) {
        if (result.error) errors.value = report(result.error, FORM_FIELDS);
        return false;
      }
      notifySuccess(t(current ? 'department.updated' : 'department.created'));
      onSaved();
      return true;
    } finally {
      submitting.value = false;
    }
  }

  return { form, errors, submitting, isEdit, start, submit };
}
