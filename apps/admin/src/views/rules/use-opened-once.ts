import { ref, watch, type Ref } from 'vue';
import { useRulesDraftStore } from './rules-draft-store';
import type { RulesSection } from './rules-paths';

/** True from the first time the tab `section` is opened on: what it fetches waits until then. */
export function useOpenedOnce(section: RulesSection): Ref<boolean> {
  const store = useRulesDraftStore();
  const opened = ref(false);
  watch(
    () => store.activeSection === section,
    (active) => {
      if (active) opened.value = true;
    },
    { immediate: true },
  );
  return opened;
}
