import { computed, inject, provide, type ComputedRef, type InjectionKey, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { ParkRules } from '@qifu/domain';
import type { FieldErrors } from '@/api/graphql-errors';
import type { CaseDetailFieldsFragment } from '@/gql/graphql';
import {
  ACTION_SPECS,
  fieldLabelKey,
  type ActionContext,
  type ActionField,
  type ActionForm,
  type CaseActionType,
} from '../case-actions';
import { isEnglish, type CaseLabels, type DepartmentRef } from '../case-labels';
import { answersEnterprise } from '../case-tiers';

/** What every group of an act's fields reads: the act, its form and errors, the case and the rules. */
export interface ActionFormContext {
  action: Ref<CaseActionType | null>;
  form: Ref<ActionForm>;
  errors: Ref<FieldErrors>;
  caseData: ComputedRef<CaseDetailFieldsFragment>;
  rules: ComputedRef<ParkRules | undefined>;
  departments: ComputedRef<readonly DepartmentRef[]>;
  labels: ComputedRef<CaseLabels>;
  /** The act's context as its checks see it (who acts, for which departments). */
  acting: ComputedRef<Omit<ActionContext, 't' | 'today'>>;
  english: ComputedRef<boolean>;
  /** 分办 answers the enterprise for its part; 协办 reports to the lead department only. */
  splitReport: ComputedRef<boolean>;
  has(field: ActionField): boolean;
  label(field: ActionField): string;
}

const KEY: InjectionKey<ActionFormContext> = Symbol('action-form');

export function provideActionForm(
  base: Omit<ActionFormContext, 'english' | 'splitReport' | 'has' | 'label'>,
): ActionFormContext {
  const { t, locale } = useI18n();
  const fields = computed<readonly ActionField[]>(() =>
    base.action.value ? ACTION_SPECS[base.action.value].fields : [],
  );
  const context: ActionFormContext = {
    ...base,
    english: computed(() => isEnglish(locale.value)),
    splitReport: computed(() =>
      answersEnterprise(base.caseData.value, base.rules.value, base.form.value.departmentId),
    ),
    has: (field) => fields.value.includes(field),
    label: (field) => (base.action.value ? t(fieldLabelKey(base.action.value, field)) : ''),
  };
  provide(KEY, context);
  return context;
}

export function useActionForm(): ActionFormContext {
  const context = inject(KEY);
  if (!context) throw new Error('action fields outside the action dialog');
  return context;
}
