import { reactive, ref } from 'vue';
import { useMutation } from '@urql/vue';
import { SetEnterpriseLinkDocument, type EnterpriseRowFragment } from '@/gql/graphql';
import { useFormDialog } from '@/ui/use-form-dialog';

export interface EnterpriseLinkForm {
  linkedDepartmentId: string;
  linkedCadreUserId: string;
  linkedCadrePhone: string;
}

const FORM_FIELDS = ['linkedDepartmentId', 'linkedCadreUserId', 'linkedCadrePhone'] as const;

/** 挂钩联系: the linked department and cadre of one enterprise, saved as a whole (empty: none). */
export function useEnterpriseLinkForm(onSaved: () => void) {
  const { executeMutation: setLink } = useMutation(SetEnterpriseLinkDocument);

  const enterprise = ref<EnterpriseRowFragment | null>(null);
  const form = reactive<EnterpriseLinkForm>({
    linkedDepartmentId: '',
    linkedCadreUserId: '',
    linkedCadrePhone: '',
  });

  const { errors, submitting, submit, clearErrors, dialog } = useFormDialog({
    model: form,
    fields: FORM_FIELDS,
    send: () => {
      const current = enterprise.value;
      if (!current) return null;
      return setLink({
        input: {
          enterpriseId: current.id,
          linkedDepartmentId: form.linkedDepartmentId || null,
          linkedCadreUserId: form.linkedCadreUserId || null,
          linkedCadrePhone: form.linkedCadreUserId ? form.linkedCadrePhone.trim() || null : null,
        },
      });
    },
    success: 'enterprises.linkSaved',
    onSaved,
  });

  function start(row: EnterpriseRowFragment | null): void {
    enterprise.value = row;
    Object.assign(form, {
      linkedDepartmentId: row?.linkedDepartmentId ?? '',
      linkedCadreUserId: row?.linkedCadreUserId ?? '',
      linkedCadrePhone: row?.linkedCadrePhone ?? '',
    });
    clearErrors();
  }

  // The phone is where the enterprise reaches the cadre: none without one.
  function setCadre(userId: string | undefined): void {
    form.linkedCadreUserId = userId ?? '';
    if (!form.linkedCadreUserId) form.linkedCadrePhone = '';
  }

  return { enterprise, form, errors, submitting, start, setCadre, submit, dialog };
}
