import { ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { saveBlob } from '@/api/attachment-transfer';
import { restErrorOf } from '@/api/rest-error';
import type { LedgerFilter, LedgerSort } from '@/gql/graphql';
import { useSessionStore } from '@/stores/session';
import { notifyError, notifySuccess } from '@/ui/feedback';

/** The API's ledger export: the body is the `ledger` query's filter and sort. */
export const LEDGER_EXPORT_URL = '/api/exports/ledger.xlsx';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface LedgerExportRequest {
  filter: LedgerFilter;
  sort: LedgerSort;
}

/** The name the API gives the file (RFC 6266): `filename*` in UTF-8 if present, else `filename`. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      // Not percent-encoded UTF-8: fall back to the plain name.
    }
  }
  return /filename\s*=\s*"([^"]*)"/i.exec(disposition)?.[1] ?? null;
}

const CODE_MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: 'errors.sessionExpired',
  FORBIDDEN: 'errors.forbidden',
  BAD_USER_INPUT: 'errors.invalidInput',
};

/**
 * Downloads the ledger as an Excel workbook with the filters and sort it is shown with, counting the
 * bytes as they arrive. An expired session is renewed once and the request sent again, as GraphQL
 * requests are; failures are told in the current language.
 */
export function useLedgerExport() {
  const session = useSessionStore();
  const { t } = useI18n();
  const exporting = ref(false);
  const receivedBytes = ref(0);
  const controller = shallowRef<AbortController | null>(null);

  function post(request: LedgerExportRequest, token: string | null, signal: AbortSignal): Promise<Response> {
    return fetch(LEDGER_EXPORT_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(request),
      signal,
    });
  }

  async function problemOf(response: Response): Promise<string> {
    const refused = restErrorOf(await response.json().catch(() => null));
    const key = refused ? CODE_MESSAGES[refused.code] : undefined;
    return key ? t(key) : t('case.ledger.exportFailed');
  }

  async function read(response: Response): Promise<Blob> {
    if (!response.body) return response.blob();
    const chunks: Uint8Array[] = [];
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      receivedBytes.value += value.byteLength;
    }
    return new Blob(chunks as BlobPart[], { type: XLSX_TYPE });
  }

  /** Resolves true once the file is handed to the browser; false if it failed (told) or was cancelled. */
  async function download(request: LedgerExportRequest): Promise<boolean> {
    if (exporting.value) return false;
    const abort = new AbortController();
    controller.value = abort;
    exporting.value = true;
    receivedBytes.value = 0;
    try {
      const token = session.accessToken;
      let response = await post(request, token, abort.signal);
      if (response.status === 401 && (await session.refresh(token)))
        response = await post(request, session.accessToken, abort.signal);
      if (!response.ok) {
        notifyError(await problemOf(response));
        return false;
      }
      const file = await read(response);
      const today = new Date().toISOString().slice(0, 10);
      saveBlob(
        file,
        fileNameOf(response.headers.get('content-disposition')) ??
          `${t('case.ledger.exportFile')}-${today}.xlsx`,
      );
      notifySuccess(t('case.ledger.exported', { count: Number(response.headers.get('x-row-count') ?? 0) }));
      return true;
    } catch {
      // Cancelled on purpose, or the connection broke (the server cuts it when it fails half-way).
      if (!abort.signal.aborted) notifyError(t('case.ledger.exportFailed'));
      return false;
    } finally {
      exporting.value = false;
      controller.value = null;
    }
  }

  function cancel(): void {
    controller.value?.abort();
  }

  return { exporting, receivedBytes, download, cancel };
}
