import { reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useClientHandle, useMutation } from '@urql/vue';
import { nodesOf, type NodeOf } from '@/api/connections';
import type { FieldErrors } from '@/api/graphql-errors';
import { useApiError } from '@/api/use-api-error';
import {
  EnterpriseSearchDocument,
  RegisterCaseDocument,
  type EnterpriseSearchQuery,
  type RegisterCaseInput,
} from '@/gql/graphql';

export type EnterpriseHit = NodeOf<EnterpriseSearchQuery['enterprises']>;

/** The registration form (Attachment 2) as the user fills it; '' means "not given". */
export interface IntakeForm {
  /** Set when the enterprise was picked from the park's directory. */
  enterpriseId: string;
  enterpriseName: string;
  enterpriseCreditCode: string;
  enterpriseAddress: string;
  reportedAt: Date | null;
  categoryCode: string;
  channelCode: string;
  reportFormCode: string;
  contactName: string;
  contactTitle: string;
  contactPhone: string;
  contactEmail: string;
  title: string;
  description: string;
  hopedDepartmentIds: string[];
  urgent: boolean;
}

export interface Registered {
  id: string;
  registrationNo: string;
}

/** Paths of RegisterCaseInput shown beside their field; others go to a toast. */
export const INTAKE_FIELDS = [
  'enterpriseId',
  'enterpriseName',
  'enterpriseCreditCode',
  'enterpriseAddress',
  'reportedAt',
  'categoryCode',
  'channelCode',
  'reportFormCode',
  'contactName',
  'contactTitle',
  'contactPhone',
  'contactEmail',
  'title',
  'description',
  'hopedDepartmentIds',
  'urgent',
] as const;

const CREDIT_CODE = /^[0-9A-Z]{18}$/;
const PHONE = /^[0-9+\-() ]{5,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emptyIntakeForm(now: Date = new Date()): IntakeForm {
  return {
    enterpriseId: '',
    enterpriseName: '',
    enterpriseCreditCode: '',
    enterpriseAddress: '',
    reportedAt: now,
    categoryCode: '',
    channelCode: '',
    reportFormCode: '',
    contactName: '',
    contactTitle: '',
    contactPhone: '',
    contactEmail: '',
    title: '',
    description: '',
    hopedDepartmentIds: [],
    urgent: false,
  };
}

/** The mutation input: a directory enterprise by id, otherwise by name and credit code. */
export function toRegisterCaseInput(form: IntakeForm): RegisterCaseInput {
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  const input: RegisterCaseInput = {
    ...(form.enterpriseId
      ? { enterpriseId: form.enterpriseId }
      : {
          enterpriseName: form.enterpriseName.trim(),
          enterpriseCreditCode: form.enterpriseCreditCode.trim(),
        }),
    enterpriseAddress: optional(form.enterpriseAddress),
    reportedAt: (form.reportedAt ?? new Date()).toISOString(),
    categoryCode: form.categoryCode,
    channelCode: form.channelCode,
    reportFormCode: form.reportFormCode,
    contactName: form.contactName.trim(),
    contactTitle: optional(form.contactTitle),
    contactPhone: form.contactPhone.trim(),
    contactEmail: optional(form.contactEmail),
    title: form.title.trim(),
    description: form.description.trim(),
    hopedDepartmentIds: [...form.hopedDepartmentIds],
    urgent: form.urgent,
  };
  // JSON drops undefined anyway; removing it keeps the variables exactly what is sent.
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as RegisterCaseInput;
}

type Translate = (key: string) => string;

/** Client-side checks mirroring the API's, so the obvious mistakes never make a round trip. */
export function validateIntake(form: IntakeForm, t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  const required = t('common.required');
  if (!form.enterpriseId) {
    if (!form.enterpriseName.trim()) errors.enterpriseName = t('case.intake.enterpriseRequired');
    const code = form.enterpriseCreditCode.trim();
    if (!code) errors.enterpriseCreditCode = t('case.intake.creditCodeRequired');
    else if (!CREDIT_CODE.test(code)) errors.enterpriseCreditCode = t('case.intake.creditCodeInvalid');
  }
  if (!form.reportedAt) errors.reportedAt = required;
  if (!form.categoryCode) errors.categoryCode = required;
  if (!form.channelCode) errors.channelCode = required;
  if (!form.reportFormCode) errors.reportFormCode = required;
  if (!form.contactName.trim()) errors.contactName = required;
  if (!form.contactPhone.trim()) errors.contactPhone = required;
  else if (!PHONE.test(form.contactPhone.trim())) errors.contactPhone = t('case.intake.phoneInvalid');
  if (form.contactEmail.trim() && !EMAIL.test(form.contactEmail.trim()))
    errors.contactEmail = t('case.intake.emailInvalid');
  if (form.title.trim().length < 2) errors.title = t('case.intake.titleTooShort');
  if (form.description.trim().length < 5) errors.description = t('case.intake.descriptionTooShort');
  return errors;
}

export function useIntakeForm() {
  const { t } = useI18n();
  const { report } = useApiError();
  const { client } = useClientHandle();
  const { executeMutation } = useMutation(RegisterCaseDocument);

  const form = reactive<IntakeForm>(emptyIntakeForm());
  const errors = ref<FieldErrors>({});
  const submitting = ref(false);
  const registered = ref<Registered | null>(null);
  /** The directory entry picked, to tell a picked name from one typed by hand. */
  const picked = ref<EnterpriseHit | null>(null);

  async function searchEnterprises(keyword: string): Promise<EnterpriseHit[]> {
    const result = await client
      .query(EnterpriseSearchDocument, { keyword: keyword.trim() || null, first: 10 })
      .toPromise();
    if (result.error) report(result.error);
    return nodesOf(result.data?.enterprises);
  }

  /** Picking fills what the directory knows, without overwriting what the user already typed. */
  function pickEnterprise(hit: EnterpriseHit): void {
    picked.value = hit;
    form.enterpriseId = hit.id;
    form.enterpriseName = hit.name;
    form.enterpriseCreditCode = hit.creditCode;
    if (!form.enterpriseAddress.trim()) form.enterpriseAddress = hit.address;
    if (!form.contactName.trim() && hit.contactName) form.contactName = hit.contactName;
    if (!form.contactPhone.trim() && hit.contactPhone) form.contactPhone = hit.contactPhone;
    const { enterpriseName: _name, enterpriseCreditCode: _code, ...rest } = errors.value;
    errors.value = rest;
  }

  /** Typing another name after a pick means an enterprise outside the directory. */
  function onEnterpriseNameInput(name: string | number): void {
    if (picked.value && String(name) !== picked.value.name) unpickEnterprise(false);
  }

  function unpickEnterprise(clearName = true): void {
    picked.value = null;
    form.enterpriseId = '';
    form.enterpriseCreditCode = '';
    if (clearName) form.enterpriseName = '';
  }

  function reset(): void {
    Object.assign(form, emptyIntakeForm());
    picked.value = null;
    errors.value = {};
    registered.value = null;
  }

  async function submit(): Promise<boolean> {
    if (submitting.value) return false;
    errors.value = validateIntake(form, t);
    if (Object.keys(errors.value).length > 0) return false;
    submitting.value = true;
    try {
      const result = await executeMutation({ input: toRegisterCaseInput(form) });
      if (result.error || !result.data) {
        if (result.error) errors.value = report(result.error, INTAKE_FIELDS);
        return false;
      }
      const { id, registrationNo } = result.data.registerCase;
      registered.value = { id, registrationNo };
      return true;
    } finally {
      submitting.value = false;
    }
  }

  return {
    form,
    errors,
    submitting,
    registered,
    picked,
    searchEnterprises,
    pickEnterprise,
    onEnterpriseNameInput,
    unpickEnterprise,
    reset,
    submit,
  };
}
