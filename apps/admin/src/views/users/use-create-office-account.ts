import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation, useQuery } from '@urql/vue';
import type { FieldErrors } from '@/api/graphql-errors';
import {
  CreateOfficeAccountDocument,
  DistrictsAndParksDocument,
  OutsideOfficesDocument,
} from '@/gql/graphql';
import { useCreateForm } from '@/ui/use-create-form';
import {
  ACCOUNT_FIELDS,
  accountInput,
  accountProblems,
  emptyAccount,
  type AccountFields,
} from './account-fields';

export type OfficeScope = 'PARK' | 'DISTRICT';

export interface CreateOfficeAccountForm extends AccountFields {
  officeCode: string;
  scope: OfficeScope;
  parkId: string;
  districtId: string;
}

const FORM_FIELDS = [...ACCOUNT_FIELDS, 'officeCode', 'parkId', 'districtId'] as const;

/**
 * A new account of an outside office. A park administrator creates it for their own park (the API
 * knows which); the platform (`choosesScope`) picks a park or a district, then one of the cc offices
 * of its rules.
 */
export function useCreateOfficeAccount(choosesScope: () => boolean, onCreated: () => void) {
  const { t } = useI18n();
  const { executeMutation } = useMutation(CreateOfficeAccountDocument);

  const empty = (): CreateOfficeAccountForm => ({
    ...emptyAccount(),
    officeCode: '',
    scope: 'PARK',
    parkId: '',
    districtId: '',
  });

  function validate(form: CreateOfficeAccountForm): FieldErrors {
    const found = accountProblems(form, t);
    if (!form.officeCode) found.officeCode = t('common.required');
    if (choosesScope() && form.scope === 'PARK' && !form.parkId) found.parkId = t('common.required');
    if (choosesScope() && form.scope === 'DISTRICT' && !form.districtId)
      found.districtId = t('common.required');
    return found;
  }

  const { form, errors, submitting, submit, reset, dialog } = useCreateForm({
    empty,
    fields: FORM_FIELDS,
    validate,
    send: (form) =>
      executeMutation({ input: { ...accountInput(form), officeCode: form.officeCode, ...where.value } }),
    success: 'offices.accounts.created',
    onCreated,
  });

  const directory = useQuery({ query: DistrictsAndParksDocument, pause: computed(() => !choosesScope()) });
  const parks = computed(() => directory.data.value?.parks ?? []);
  const districts = computed(() => directory.data.value?.districts ?? []);

  /** Where the account reads, as the API takes it (nothing for a park administrator: their park). */
  const where: ComputedRef<{ parkId: string | null; districtId: string | null }> = computed(() => {
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

  return { form, errors, submitting, submit, reset, dialog, parks, districts, offices, whereChosen };
}
