import { computed, reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import type { FieldErrors } from '@/api/graphql-errors';
import {
  CreateDepartmentDocument,
  UpdateDepartmentDocument,
  type DepartmentKind,
  type DepartmentRowFragment,
} from '@/gql/graphql';
import { useFormDialog } from '@/ui/use-form-dialog';

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
  const { executeMutation: create } = useMutation(CreateDepartmentDocument);
  const { executeMutation: update } = useMutation(UpdateDepartmentDocument);

  const editing = ref<DepartmentRowFragment | null>(null);
  const form = reactive<DepartmentForm>({ code: '', name: '', kind: 'PARK', headUserId: '' });
  const isEdit = computed(() => editing.value !== null);

  function validate(): FieldErrors {
    const found: FieldErrors = {};
    if (!isEdit.value && !form.code.trim()) found.code = t('common.required');
    if (!form.name.trim()) found.name = t('common.required');
    return found;
  }

  function send() {
    const current = editing.value;
    return current
      ? update({
          input: {
            id: current.id,
            name: form.name.trim(),
            // Only send the head when it changed; null clears it.
            ...(form.headUserId !== (current.headUserId ?? '')
              ? { headUserId: form.headUserId || null }
              : {}),
          },
        })
      : create({
          input: {
            code: form.code.trim(),
            name: form.name.trim(),
            kind: form.kind,
            ...(form.headUserId ? { headUserId: form.headUserId } : {}),
          },
        });
  }

  const { errors, submitting, submit, clearErrors, dialog } = useFormDialog<object>({
    model: form,
    fields: FORM_FIELDS,
    validate,
    send,
    success: () => (isEdit.value ? 'department.updated' : 'department.created'),
    onSaved,
  });

  function start(department: DepartmentRowFragment | null): void {
    editing.value = department;
    Object.assign(form, {
      code: department?.code ?? '',
      name: department?.name ?? '',
      kind: department?.kind ?? 'PARK',
      headUserId: department?.headUserId ?? '',
    });
    clearErrors();
  }

  return { form, errors, submitting, isEdit, start, submit, dialog };
}
