import { computed, reactive, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useQuery } from '@urql/vue';
import { useApiError } from '@/api/use-api-error';
import {
  DashboardDocument,
  DashboardSettingsDocument,
  type CodeLabelFieldsFragment,
  type DashboardFilterInput,
  type IndicatorCode,
} from '@/gql/graphql';
import { isEnglish, lookup, type CodeOption } from '@/views/cases/case-labels';
import type { Labels } from './dashboard-figures';

export interface DashboardFilterForm {
  /** [from, to] as YYYY-MM. */
  period: [string, string];
  parkIds: string[];
  categoryCodes: string[];
  channelCodes: string[];
}

/** The filter bar's choices, each a code (or park id) with its name. */
export interface FilterChoices {
  parks: CodeOption[];
  categories: CodeOption[];
  channels: CodeOption[];
}

function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** The twelve months up to this one. */
export function defaultPeriod(today = new Date()): [string, string] {
  return [monthOf(new Date(today.getFullYear(), today.getMonth() - 11, 1)), monthOf(today)];
}

export function filterInput(form: DashboardFilterForm): DashboardFilterInput {
  return {
    periodFrom: form.period[0],
    periodTo: form.period[1],
    parkIds: form.parkIds.length ? [...form.parkIds] : null,
    categoryCodes: form.categoryCodes.length ? [...form.categoryCodes] : null,
    channelCodes: form.channelCodes.length ? [...form.channelCodes] : null,
  };
}

/**
 * The dashboard under the filter bar's filter, and the choices the bar offers: the parks seen in the
 * results so far, and the categories and channels the parks' rules name (as the API gives them).
 */
export function useDashboard() {
  const { t, te, locale } = useI18n();
  const { report } = useApiError();
  const form = reactive<DashboardFilterForm>({
    period: defaultPeriod(),
    parkIds: [],
    categoryCodes: [],
    channelCodes: [],
  });
  const filter = computed(() => filterInput(form));
  const query = useQuery({
    query: DashboardDocument,
    variables: computed(() => ({ filter: filter.value })),
    requestPolicy: 'cache-and-network',
  });
  watch(query.error, (error) => error && report(error));
  const data = computed(() => query.data.value?.dashboard);

  const parkNames = ref<Record<string, string>>({});
  const categoryCodes = ref<string[]>([]);
  const channelCodes = ref<string[]>([]);
  // Named by the parks' rules (kept across filters, so a code received earlier keeps its name).
  const categoryNames = ref<Record<string, CodeLabelFieldsFragment>>({});
  const channelNames = ref<Record<string, CodeLabelFieldsFragment>>({});
  const tierNames = ref<Record<string, CodeLabelFieldsFragment>>({});
  const remember = (list: typeof categoryCodes, codes: string[]) => {
    const seen = new Set([...list.value, ...codes]);
    if (seen.size !== list.value.length) list.value = [...seen].sort();
  };
  watch(data, (dashboard) => {
    if (!dashboard) return;
    parkNames.value = {
      ...parkNames.value,
      ...Object.fromEntries(dashboard.parks.map((p) => [p.parkId, p.parkName])),
    };
    categoryNames.value = {
      ...categoryNames.value,
      ...Object.fromEntries(dashboard.categories.map((c) => [c.code, c])),
    };
    channelNames.value = {
      ...channelNames.value,
      ...Object.fromEntries(dashboard.channels.map((c) => [c.code, c])),
    };
    tierNames.value = {
      ...tierNames.value,
      ...Object.fromEntries(dashboard.assignmentTiers.map((c) => [c.code, c])),
    };
    remember(categoryCodes, [
      ...dashboard.categories.map((c) => c.code),
      ...dashboard.parks.flatMap((p) => p.categoryMix.map((m) => m.code)),
    ]);
    remember(channelCodes, [
      ...dashboard.channels.map((c) => c.code),
      ...dashboard.parks.flatMap((p) => p.channelMix.map((m) => m.code)),
    ]);
  });
  const shownParkNames = computed(() =>
    Object.fromEntries((data.value?.parks ?? []).map((p) => [p.parkId, p.parkName])),
  );

  // The district's minimum sample, to say why a department is not ranked. The platform names the
  // district (only when one is shown); the others read their own.
  const platform = computed(() => data.value?.canDrillDown === false);
  const settingsDistrict = computed(() =>
    platform.value && data.value?.districts.length === 1 ? data.value.districts[0].districtId : null,
  );
  const settings = useQuery({
    query: DashboardSettingsDocument,
    variables: computed(() => ({ districtId: settingsDistrict.value })),
    pause: computed(() => !data.value || (platform.value && !settingsDistrict.value)),
  });
  // Without it the page still says the department is not ranked: no error is shown for it.
  const minCasesForRanking = computed(
    () => settings.data.value?.districtIndicatorSettings.minCasesForRanking ?? null,
  );

  const english = computed(() => isEnglish(locale.value));
  const categoryLabeler = computed(() => lookup(Object.values(categoryNames.value), english.value));
  const channelLabeler = computed(() => lookup(Object.values(channelNames.value), english.value));
  // A tier as the parks' rules name it; rules listing no tiers get the built-in names (主办, 分办…).
  const tierLabel = (code: string): string => {
    const named = tierNames.value[code];
    if (named) return english.value ? named.labelEn : named.labelZh;
    return te(`dashboards.tiers.${code}`) ? t(`dashboards.tiers.${code}`) : code;
  };
  const labels = computed<Labels>(() => ({
    indicator: (code: IndicatorCode) => t(`dashboards.indicators.${code}`),
    grade: (code: string) => (te(`dashboards.grades.${code}`) ? t(`dashboards.grades.${code}`) : code),
    category: categoryLabeler.value,
    categoryHeading: t('dashboards.columns.category'),
    park: t('dashboards.columns.park'),
    department: t('dashboards.columns.department'),
    month: t('dashboards.columns.month'),
    count: t('dashboards.columns.count'),
    sample: t('dashboards.columns.sample'),
    withoutDepartment: t('dashboards.withoutDepartment'),
    unnamedDepartment: t('dashboards.unnamedDepartment'),
    tier: tierLabel,
    byTier: t('dashboards.departments.byTier'),
    anyDepartment: t('dashboards.departments.department'),
    noDepartment: t('dashboards.departments.noDepartment'),
    replyOnTime: t('dashboards.indicators.REPLY_ON_TIME_RATE'),
    completionOnTime: t('dashboards.indicators.COMPLETION_ON_TIME_RATE'),
  }));
  // What the filter bar offers: every park, category and channel seen so far, named.
  const choices = computed<FilterChoices>(() => ({
    parks: Object.entries(parkNames.value).map(([value, label]) => ({ value, label })),
    categories: categoryCodes.value.map((code) => ({ value: code, label: categoryLabeler.value(code) })),
    channels: channelCodes.value.map((code) => ({ value: code, label: channelLabeler.value(code) })),
  }));

  function reset(): void {
    form.period = defaultPeriod();
    form.parkIds = [];
    form.categoryCodes = [];
    form.channelCodes = [];
  }

  function reload(): void {
    void query.executeQuery({ requestPolicy: 'network-only' });
  }

  return {
    form,
    filter,
    query,
    data,
    choices,
    shownParkNames,
    minCasesForRanking,
    labels,
    reset,
    reload,
  };
}
