import { computed, reactive } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation, useQuery } from '@urql/vue';
import { passwordProblems } from '@qifu/domain';
import type { FieldErrors } from '@/api/graphql-errors';
import {
  CreateOfficeAccountDocument,
  DistrictsAndParksDocument,
  OutsideOfficesDocument,
} from '@/gql/graphql';
import { useFormDialog } from '@/ui/use-form-dialog';
import { emailProblem } from './use-edit-email';

export type OfficeScope = 'PARK' | 'DISTRICT';

export interface CreateOfficeAccountForm {
  username: string;
  displayName: string;
  email: string;
  password: string;
  officeCode: string;
  scope: OfficeScope;
  parkId: string;
  districtId: string;
}

const FORM_FIELDS = [
  'username',
  'displayName',
  'email',
  'password',
  'officeCode',
  'parkId',
  'districtId',
] as const;

/**
 * A new account of an outside office. A park administrator creates it for their own park (the API
 * knows which); the platform (`choosesScope`) picks a park or a district, then one of the cc offices
 * of its rules.
 */
export function useCreateOfficeAccount(choosesScope: () => boolean, onCreated: () => void) {
  const { t } = useI18n();
  const { executeMutation } = useMutation(CreateOfficeAccountDocument);

  const empty = (): CreateOfficeAccountForm => ({
    username: '',
    displayName: '',
    email: '',
    password: '',
    officeCode: '',
    scope: 'PARK',
    parkId: '',
    districtId: '',
  });
  const form = reactive<CreateOfficeAccountForm>(empty());

  const directory = useQuery({ query: DistrictsAndParksDocument, pause: computed(() => !choosesScope()) });
  const parks = computed(() => directory.data.value?.parks ?? []);
  const districts = computed(() => directory.data.value?.districts ?? []);

  /** Where the account reads, as the API takes it (nothing for a park administrator: their park). */
  const where = computed(() => {
    if (!choosesScope()) return { parkId: null, districtId: null };
    return form.scope === 'PARK'
      ? { parkId: form.parkId || null, districtId: null }
      : { parkId: null, districtId: form.districtId || null };
  });
  const whereChosen = computed(
    () => !choosesScope() || Boolean(where.value.parkId ?? where.value.districtId),
  );
  const officesQuery = useQuery({
    query: OutsideOfficesDocument,
    variables: where,
    pause: computed(() => !whereChosen.value),
  });
  const offices = computed(() => (whereChosen.value ? (officesQuery.data.value?.outsideOffices ?? []) : []));

  function reset(): void {
    Object.assign(form, empty());
    clearErrors();
  }

  function validate(): FieldErrors {
    const found: FieldErrors = {};
    if (!form.username.trim()) found.username = t('common.required');
    if (!form.displayName.trim()) found.displayName = t('common.required');
    const email = emailProblem(form.email, t);
    if (email) found.email = email;
    if (passwordProblems(form.password).length > 0) found.password = t('user.passwordPolicy');
    if (!form.officeCode) found.officeCode = t('common.required');
    if (choosesScope() && form.scope === 'PARK' && !form.parkId) found.parkId = t('common.required');
    if (choosesScope() && form.scope === 'DISTRICT' && !form.districtId)
      found.districtId = t('common.required');
    return found;
  }

  const { errors, submitting, submit, clearErrors } = useFormDialog({
    fields: FORM_FIELDS,
    validate,
    send: () =>
      executeMutation({
        input: {
          username: form.username.trim(),
          displayName: form.displayName.trim(),
          email: form.email.trim() || null,
          password: form.password,
          officeCode: form.officeCode,
          ...where.value,
        },
      }),
    success: 'offices.accounts.created',
    onSaved: () => {
      reset();
      onCreated();
    },
  });

  return { form, errors, submitting, submit, reset, parks, districts, offices, whereChosen };
}
