import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, toRaw } from 'vue';
import type { ParkRules, RulesProblem } from '@qifu/domain';
import { pathAndAncestors, sectionOfPath, valueAt, type RulesSection } from './rules-paths';

/** The published version an edit starts from (its number is the `baseVersion` of publishing). */
export interface RulesBase {
  version: number;
  effectiveFrom: string;
  rules: ParkRules;
}

/** Lists of the rules the editor adds to, reorders and removes from. */
export type RulesListKey =
  | 'categories'
  | 'intakeChannels'
  | 'reportForms'
  | 'inadmissibleMatters'
  | 'departments'
  | 'ccOffices'
  | 'approvalRoutes'
  | 'grades'
  | 'satisfactionScale'
  | 'supervisionTriggers'
  | 'caseFlags';

/** A list anywhere in the rules: a top-level list or the park's calendar overrides. */
export type RulesListPath = RulesListKey | 'calendar.closures' | 'calendar.extraWorkdays' | 'assignmentTiers';

export type RulesItem = Record<string, unknown>;

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Same rules, key order aside (an optional field removed and added again moves to the end). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/**
 * The draft of a park's rules being edited: a deep copy of the base version, the problems the
 * API found in it (domain paths), and which form fields are on screen to show them beside.
 */
export const useRulesDraftStore = defineStore('park-rules-draft', () => {
  const base = shallowRef<RulesBase | null>(null);
  const draft = ref<ParkRules | null>(null);
  const problems = ref<RulesProblem[]>([]);
  /** Whether the signed-in user may edit (display only: the API checks `update ParkRules`). */
  const editable = ref(false);
  const activeSection = ref<RulesSection>('categories');
  /** A field path to scroll to (set by the problems list, consumed by the view). */
  const focusTarget = ref<string | null>(null);

  // Items added in this session (by identity, so reordering keeps them recognised).
  let newItems = new WeakSet<object>();
  // Paths of the fields on screen, with how many components show each.
  const fields = reactive(new Map<string, number>());

  const dirty = computed(
    () =>
      draft.value !== null && base.value !== null && canonical(draft.value) !== canonical(base.value.rules),
  );

  function load(next: RulesBase): void {
    base.value = { ...next, rules: clone(next.rules) };
    draft.value = clone(next.rules);
    problems.value = [];
    newItems = new WeakSet();
  }

  function discard(): void {
    if (base.value) load(base.value);
  }

  function reset(): void {
    base.value = null;
    draft.value = null;
    problems.value = [];
    focusTarget.value = null;
    newItems = new WeakSet();
  }

  /** The draft as plain JSON, for the API. */
  function snapshot(): ParkRules {
    if (!draft.value) throw new Error('no rules loaded');
    return clone(toRaw(draft.value));
  }

  // ---- lists ----

  function listOf(key: RulesListPath): RulesItem[] {
    const list = valueAt(draft.value, key);
    if (!Array.isArray(list)) throw new Error(`no list at ${key}`);
    return list as RulesItem[];
  }

  /** Problems of a list point at rows by index: once rows move, they point at the wrong ones. */
  function forgetListProblems(key: RulesListPath): void {
    problems.value = problems.value.filter((p) => p.path !== key && !p.path.startsWith(`${key}[`));
  }

  function insertItem(key: RulesListPath, item: RulesItem, at?: number): void {
    const list = listOf(key);
    newItems.add(item);
    list.splice(at ?? list.length, 0, item);
    forgetListProblems(key);
  }

  function moveItem(key: RulesListPath, index: number, delta: -1 | 1): void {
    const list = listOf(key);
    const target = index + delta;
    if (target < 0 || target >= list.length) return;
    const [item] = list.splice(index, 1);
    list.splice(target, 0, item);
    forgetListProblems(key);
  }

  function removeItem(key: RulesListPath, index: number): void {
    listOf(key).splice(index, 1);
    forgetListProblems(key);
  }

  function isNew(item: object): boolean {
    return newItems.has(toRaw(item));
  }

  // ---- problems beside their fields ----

  function registerField(path: string): void {
    fields.set(path, (fields.get(path) ?? 0) + 1);
  }

  function unregisterField(path: string): void {
    const count = (fields.get(path) ?? 0) - 1;
    if (count > 0) fields.set(path, count);
    else fields.delete(path);
  }

  /** The field a problem is shown beside: the nearest one on screen at or above its path. */
  function placementOf(path: string): string | null {
    return pathAndAncestors(path).find((p) => fields.has(p)) ?? null;
  }

  const placedProblems = computed(() => {
    const byField = new Map<string, RulesProblem[]>();
    for (const problem of problems.value) {
      const at = placementOf(problem.path);
      if (at === null) continue;
      byField.set(at, [...(byField.get(at) ?? []), problem]);
    }
    return byField;
  });

  function problemsAt(path: string): RulesProblem[] {
    return placedProblems.value.get(path) ?? [];
  }

  /** A field was edited: what was said about it may no longer hold. */
  function clearProblemsAt(path: string): void {
    if (!placedProblems.value.has(path)) return;
    problems.value = problems.value.filter((p) => placementOf(p.path) !== path);
  }

  const problemCountBySection = computed(() => {
    const counts: Partial<Record<RulesSection, number>> = {};
    for (const problem of problems.value) {
      const section = sectionOfPath(problem.path);
      if (section) counts[section] = (counts[section] ?? 0) + 1;
    }
    return counts;
  });

  function setProblems(next: RulesProblem[]): void {
    problems.value = next;
  }

  /** Opens the tab of a problem and asks the view to scroll to the field it is shown beside. */
  function focusProblem(path: string): void {
    const section = sectionOfPath(path);
    if (section) activeSection.value = section;
    focusTarget.value = path;
  }

  return {
    base,
    draft,
    problems,
    editable,
    activeSection,
    focusTarget,
    dirty,
    load,
    discard,
    reset,
    snapshot,
    listOf,
    insertItem,
    moveItem,
    removeItem,
    isNew,
    registerField,
    unregisterField,
    placementOf,
    problemsAt,
    clearProblemsAt,
    problemCountBySection,
    setProblems,
    focusProblem,
  };
});

export type RulesDraftStore = ReturnType<typeof useRulesDraftStore>;
