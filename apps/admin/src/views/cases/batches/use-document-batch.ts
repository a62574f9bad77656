import { computed, onScopeDispose, ref, shallowRef } from 'vue';
import { useClientHandle } from '@urql/vue';
import { useI18n } from 'vue-i18n';
import { saveBlob } from '@/api/attachment-transfer';
import { useAuthorizedTransfer } from '@/api/use-authorized-transfer';
import { useApiError } from '@/api/use-api-error';
import {
  DocumentBatchDocument,
  MyDocumentBatchesDocument,
  StartDocumentBatchDocument,
  type DocumentBatchFieldsFragment,
  type DocumentKind,
  type LedgerFilter,
  type LedgerSort,
} from '@/gql/graphql';
import { notifyError } from '@/ui/feedback';

export type DocumentBatch = DocumentBatchFieldsFragment;

/** The kinds a batch can issue (those that take a new number are issued from the case). */
export const BATCH_KINDS: readonly DocumentKind[] = [
  'REGISTRATION_FORM',
  'ASSIGNMENT_SHEET',
  'REFERRAL_LETTER',
  'SUPERVISION_LETTER',
] as DocumentKind[];

/** While a batch runs its progress is read this often. */
export const BATCH_POLL_MS = 1000;

export const batchFinished = (batch: DocumentBatch) => batch.status === 'DONE' || batch.status === 'FAILED';

/** Share of the batch's documents done (issued or failed), 0–100. */
export function batchPercent(batch: DocumentBatch): number {
  if (batch.status === 'DONE') return 100;
  return batch.total > 0 ? Math.floor(((batch.issued + batch.failed) * 100) / batch.total) : 0;
}

/**
 * Batch generation from the ledger: starts a batch for the ledger's filter, follows its progress
 * until the ZIP is ready, downloads it; also the person's latest batches, so a closed dialog loses
 * nothing.
 */
export function useDocumentBatch() {
  const { client } = useClientHandle();
  const { report } = useApiError();
  const { getFile } = useAuthorizedTransfer();
  const { t } = useI18n();
  const batch = shallowRef<DocumentBatch | null>(null);
  const recent = shallowRef<DocumentBatch[]>([]);
  const starting = ref(false);
  const downloading = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const percent = computed(() => (batch.value ? batchPercent(batch.value) : 0));
  const running = computed(() => !!batch.value && !batchFinished(batch.value));

  function stop(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  async function refresh(): Promise<void> {
    const current = batch.value;
    if (!current) return;
    const result = await client
      .query(DocumentBatchDocument, { id: current.id }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error) report(result.error);
    else if (result.data && batch.value?.id === current.id) batch.value = result.data.documentBatch;
    follow();
  }

  function follow(): void {
    stop();
    if (!disposed && batch.value && !batchFinished(batch.value))
      timer = setTimeout(() => void refresh(), BATCH_POLL_MS);
  }

  /** Resolves true when the batch started. */
  async function start(filter: LedgerFilter, sort: LedgerSort, kinds: DocumentKind[]): Promise<boolean> {
    starting.value = true;
    try {
      const result = await client
        .mutation(StartDocumentBatchDocument, { input: { filter, sort, kinds } })
        .toPromise();
      if (result.error) {
        report(result.error);
        return false;
      }
      batch.value = result.data!.startDocumentBatch;
      follow();
      return true;
    } finally {
      starting.value = false;
    }
  }

  /** Follows a batch started before (from the list of recent ones). */
  function show(chosen: DocumentBatch): void {
    batch.value = chosen;
    void refresh();
  }

  async function loadRecent(): Promise<void> {
    const result = await client
      .query(MyDocumentBatchesDocument, {}, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error) report(result.error);
    else if (result.data) recent.value = result.data.myDocumentBatches;
  }

  async function download(chosen: DocumentBatch | null = batch.value): Promise<void> {
    if (!chosen?.downloadUrl || !chosen.fileName) return;
    downloading.value = true;
    try {
      const response = await getFile(chosen.downloadUrl);
      if (response.status === 200 && response.body) saveBlob(response.body, chosen.fileName);
      else notifyError(t('case.issued.downloadFailed', { status: response.status }));
    } finally {
      downloading.value = false;
    }
  }

  function reset(): void {
    stop();
    batch.value = null;
  }

  onScopeDispose(() => {
    disposed = true;
    stop();
  });

  return { batch, recent, percent, running, starting, downloading, start, show, loadRecent, download, reset };
}
