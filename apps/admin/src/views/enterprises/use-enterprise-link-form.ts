import { reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import type { FieldErrors } from '@/api/graphql-errors';
import { useApiError } from '@/api/use-api-error';
import { SetEnterpriseLinkDocument, type EnterpriseRowFragment } from '@/gql/graphql';
import { notifySuccess } from '@/ui/feedback';

export interface EnterpriseLinkForm {
  linkedDepartmentId: string;
  linkedCadreUserId: string;
  linkedCadrePhone: string;
}

const FORM_FIELDS = ['linkedDepartmentId', 'linkedCadreUserId', 'linkedCadrePhone'] as const;

/** 挂钩联系: the linked department and cadre of one enterprise, saved as a whole (empty: none). */
export function useEnterpriseLinkForm(onSaved: () => void) {
  const { t } = useI18n();
  const { report } = useApiError();
  const { executeMutation: setLink } = useMutation(SetEnterpriseLinkDocument);

  const enterprise = ref<EnterpriseRowFragment | null>(null);
  const form = reactive<EnterpriseLinkForm>({
    linkedDepartmentId: '',
    linkedCadreUserId: '',
    linkedCadrePhone: '',
  });
  const errors = ref<FieldErrors>({});
  const submitting = ref(false);

  function start(row: EnterpriseRowFragment | null): void {
    enterprise.value = row;
    Object.assign(form, {
      linkedDepartmentId: row?.linkedDepartmentId ?? '',
      linkedCadreUserId: row?.linkedCadreUserId ?? '',
      linkedCadrePhone: row?.linkedCadrePhone ?? '',
    });
    errors.value = {};
  }

  // The phone is where the enterprise reaches the cadre: none without one.
  function setCadre(userId: string | undefined): void {
    form.linkedCadreUserId = userId ?? '';
    if (!form.linkedCadreUserId) form.linkedCadrePhone = '';
  }

  async function submit(): Promise<boolean> {
    const current = enterprise.value;
    if (!current || submitting.value) return false;
    submitting.value = true;
    try {
      const result = await setLink({
        input: {
          enterpriseId: current.id,
          linkedDepartmentId: form.linkedDepartmentId || null,
          linkedCadreUserId: form.linkedCadreUserId || null,
          linkedCadrePhone: form.linkedCadreUserId ? form.linkedCadrePhone.trim() || null : null,
        },
      });
      if (result.error || !result.data) {
        if (result.error) errors.value = report(result.error, FORM_FIELDS);
        return false;
      }
      notifySuccess(t('enterprises.linkSaved'));
      onSaved();
      return true;
    } finally {
      submitting.value = false;
    }
  }

  return { enterprise, form, errors, submitting, start, setCadre, submit };
}
