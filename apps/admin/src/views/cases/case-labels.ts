import type { ParkRules } from '@qifu/domain';
import type { DepartmentKind } from '@/gql/graphql';

/** A department as the `departments` query gives it (ids are what cases store). */
export interface DepartmentRef {
  id: string;
  code: string;
  name: string;
  kind: DepartmentKind;
  active: boolean;
}

export interface CodeOption {
  value: string;
  label: string;
}

interface Labelled {
  code: string;
  labelZh: string;
  labelEn: string;
}

/**
 * Labels of the park's codes in the current language. Codes come from the park's rules; a code the
 * rules no longer list (an old case under newer rules) still shows, as itself.
 */
export interface CaseLabels {
  category(code: string | null | undefined): string;
  channel(code: string | null | undefined): string;
  reportForm(code: string | null | undefined): string;
  grade(code: string | null | undefined): string;
  satisfaction(code: string | null | undefined): string;
  inadmissible(code: string | null | undefined): string;
  /** A case flag the park defines (rules `caseFlags`). */
  flag(code: string | null | undefined): string;
  department(id: string | null | undefined): string;
  departments(ids: readonly string[] | null | undefined, separator: string): string;
  /** An assignment tier of the rules (主办、分办、协办、配合). */
  tier(code: string | null | undefined): string;
  /** A cc office of the rules (督查室、效能办…). */
  office(code: string | null | undefined): string;
}

function labelOf(item: Labelled, english: boolean): string {
  return english ? item.labelEn : item.labelZh;
}

/** A code's label in the current language from a list of labelled codes; an unknown code shows as itself. */
export function lookup(list: readonly Labelled[] | undefined, english: boolean) {
  const byCode = new Map((list ?? []).map((item) => [item.code, item] as const));
  return (code: string | null | undefined): string => {
    if (!code) return '';
    const item = byCode.get(code);
    return item ? labelOf(item, english) : code;
  };
}

export function isEnglish(locale: string): boolean {
  return locale.startsWith('en');
}

/** The English name of a department comes from the rules (matched by code), else its own name. */
export function departmentName(
  department: DepartmentRef,
  rules: ParkRules | undefined,
  english: boolean,
): string {
  if (!english) return department.name;
  return rules?.departments.find((d) => d.code === department.code)?.nameEn ?? department.name;
}

export function buildCaseLabels(
  rules: ParkRules | undefined,
  departments: readonly DepartmentRef[],
  locale: string,
): CaseLabels {
  const english = isEnglish(locale);
  const names = new Map(departments.map((d) => [d.id, departmentName(d, rules, english)] as const));
  const department = (id: string | null | undefined): string => (id ? (names.get(id) ?? id) : '');
  return {
    category: lookup(rules?.categories, english),
    channel: lookup(rules?.intakeChannels, english),
    reportForm: lookup(rules?.reportForms, english),
    grade: lookup(rules?.grades, english),
    satisfaction: lookup(rules?.satisfactionScale, english),
    inadmissible: lookup(rules?.inadmissibleMatters, english),
    flag: lookup(rules?.caseFlags, english),
    department,
    departments: (ids, separator) => (ids ?? []).map(department).join(separator),
    tier: lookup(rules?.assignmentTiers, english),
    office: (code) => {
      const office = rules?.ccOffices.find((o) => o.code === code);
      return office ? (english && office.nameEn) || office.name : (code ?? '');
    },
  };
}

/** Choices for a picker: active entries only (inactive codes stay readable on old cases). */
export function activeOptions(
  list: readonly (Labelled & { active?: boolean })[] | undefined,
  locale: string,
): CodeOption[] {
  const english = isEnglish(locale);
  return (list ?? [])
    .filter((item) => item.active !== false)
    .map((item) => ({ value: item.code, label: labelOf(item, english) }));
}

export function departmentOptions(
  departments: readonly DepartmentRef[],
  rules: ParkRules | undefined,
  locale: string,
  kind?: DepartmentKind,
): CodeOption[] {
  const english = isEnglish(locale);
  return departments
    .filter((d) => d.active && (!kind || d.kind === kind))
    .map((d) => ({ value: d.id, label: departmentName(d, rules, english) }));
}
