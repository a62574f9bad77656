import { watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute } from 'vue-router';

/** Keeps the tab title on "<page> · 企服", following both navigation and the language switch. */
export function useDocumentTitle(): void {
  const { t } = useI18n();
  const route = useRoute();
  watchEffect(() => {
    const key = route.meta.titleKey;
    document.title = key ? `${t(key)} · ${t('app.name')}` : t('app.name');
  });
}
