import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request values that deep code (audit) needs without threading them through every call. */
export interface RequestStore {
  requestId: string;
}

export const requestStore = new AsyncLocalStorage<RequestStore>();

export function currentRequestId(): string | null {
  return requestStore.getStore()?.requestId ?? null;
}
