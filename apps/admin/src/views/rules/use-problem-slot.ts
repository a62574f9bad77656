import { computed, onBeforeUnmount, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { useRulesDraftStore } from './rules-draft-store';

/**
 * Registers `path` as a place problems are shown (a field, a row, a list) while the component is
 * mounted, and returns the problems placed there.
 */
export function useProblemSlot(path: MaybeRefOrGetter<string>) {
  const store = useRulesDraftStore();
  watch(
    () => toValue(path),
    (next, previous) => {
      if (previous !== undefined) store.unregisterField(previous);
      store.registerField(next);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => store.unregisterField(toValue(path)));
  const problems = computed(() => store.problemsAt(toValue(path)));
  return { store, problems };
}
