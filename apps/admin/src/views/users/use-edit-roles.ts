import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation } from '@urql/vue';
import type { FieldErrors } from '@/api/graphql-errors';
import { useApiError } from '@/api/use-api-error';
import { SetUserRolesDocument, type UserRowFragment } from '@/gql/graphql';
import { notifySuccess } from '@/ui/feedback';
import { grantPaths, toGrantDrafts, toGrantInputs, validateGrants, type GrantDraft } from './user-grants';

export function useEditRoles(onSaved: () => void) {
  const { t } = useI18n();
  const { report } = useApiError();
  const { executeMutation } = useMutation(SetUserRolesDocument);

  const user = ref<UserRowFragment | null>(null);
  const grants = ref<GrantDraft[]>([]);
  const errors = ref<FieldErrors>({});
  const submitting = ref(false);

  function start(target: UserRowFragment): void {
    user.value = target;
    grants.value = toGrantDrafts(target.roles);
    errors.value = {};
  }

  async function submit(): Promise<boolean> {
    if (!user.value || submitting.value) return false;
    errors.value = validateGrants(grants.value, t);
    if (Object.keys(errors.value).length > 0) return false;
    submitting.value = true;
    try {
      const result = await executeMutation({
        input: { userId: user.value.id, roles: toGrantInputs(grants.value) },
      });
      if (result.error || !result.data) {
        if (result.error) errors.value = report(result.error, grantPaths(grants.value.length));
        return false;
      }
      notifySuccess(t('user.rolesSaved'));
      onSaved();
      return true;
    } finally {
      submitting.value = false;
    }
  }

  return { user, grants, errors, submitting, start, submit };
}
