import { nextTick } from 'vue';

// Keyboard users land where the work is: on the first field when a form opens, on the first field
// in error after a failed submit, and back on the control that opened a dialog once it closes.

const FIELD = 'input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), [role="radio"]';
const FIELD_IN_ERROR = '.is-error input, .is-error textarea';

function focusIn(container: Element | null | undefined, selector: string): boolean {
  const target = container?.querySelector<HTMLElement>(selector);
  target?.focus();
  return Boolean(target);
}

export function focusFirstField(container: Element | null | undefined): void {
  focusIn(container, FIELD);
}

/** After the errors have rendered. */
export async function focusFirstError(container: Element | null | undefined): Promise<void> {
  await nextTick();
  focusIn(container, FIELD_IN_ERROR);
}

/** What has the focus now, to give it back later. */
export function currentFocus(): HTMLElement | null {
  return document.activeElement instanceof HTMLElement ? document.activeElement : null;
}

/** Back to `element` if it is still on the page, else to `fallback`. */
export async function restoreFocus(
  element: HTMLElement | null,
  fallback: Element | null | undefined,
): Promise<void> {
  await nextTick();
  if (element?.isConnected) element.focus();
  else if (fallback instanceof HTMLElement) fallback.focus();
}

export function focusElement(element: Element | null | undefined): void {
  if (element instanceof HTMLElement) element.focus();
}
