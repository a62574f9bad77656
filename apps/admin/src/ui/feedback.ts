// Explicit imports (not auto-import) so type checks never depend on a generated globals file;
// the style imports are what the on-demand resolver would have added.
import { ElMessage, ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';

export function notifyError(message: string): void {
  ElMessage({ type: 'error', message, showClose: true, grouping: true });
}

export function notifySuccess(message: string): void {
  ElMessage({ type: 'success', message, grouping: true });
}

/** Resolves true when the user confirms, false when they cancel or close. */
export async function confirmAction(options: {
  title: string;
  message: string;
  confirmText: string;
  cancelText: string;
}): Promise<boolean> {
  try {
    await ElMessageBox.confirm(options.message, options.title, {
      type: 'warning',
      confirmButtonText: options.confirmText,
      cancelButtonText: options.cancelText,
    });
    return true;
  } catch {
    return false;
  }
}
