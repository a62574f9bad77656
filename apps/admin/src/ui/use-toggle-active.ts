import type { CombinedError } from '@urql/core';
import { useI18n } from 'vue-i18n';
import { useApiError } from '@/api/use-api-error';
import { confirmAction, notifySuccess } from './feedback';

/**
 * Stops (停用) or starts (启用) a row of a list: stopping asks first, starting does not. `messages`
 * is where the screen's texts live (`<messages>.confirmDeactivate` with `{name}`, `.activated`,
 * `.deactivated`); `send` changes the row, `reload` refreshes the list once it has.
 */
export function useToggleActive<Row extends { active: boolean }>(options: {
  messages: string;
  nameOf: (row: Row) => string;
  send: (row: Row, active: boolean) => Promise<{ error?: CombinedError }>;
  reload: () => void;
}): (row: Row) => Promise<void> {
  const { t } = useI18n();
  const { report } = useApiError();
  const { messages } = options;

  return async (row) => {
    const active = !row.active;
    const confirmed =
      active ||
      (await confirmAction({
        title: t('common.confirmTitle'),
        message: t(`${messages}.confirmDeactivate`, { name: options.nameOf(row) }),
        confirmText: t('common.deactivate'),
        cancelText: t('common.cancel'),
      }));
    if (!confirmed) return;
    const result = await options.send(row, active);
    if (result.error) {
      report(result.error);
      return;
    }
    notifySuccess(t(`${messages}.${active ? 'activated' : 'deactivated'}`));
    options.reload();
  };
}
