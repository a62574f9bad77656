import { onScopeDispose, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { useClientHandle } from '@urql/vue';
import { useI18n } from 'vue-i18n';
import { saveBlob } from '@/api/attachment-transfer';
import { useAuthorizedTransfer } from '@/api/use-authorized-transfer';
import { useApiError } from '@/api/use-api-error';
import {
  CaseIssuedDocumentsDocument,
  ConvertIssuedDocumentPdfDocument,
  IssueDocumentDocument,
  type CaseIssuedDocumentsQuery,
  type IssuedDocumentFieldsFragment,
} from '@/gql/graphql';
import { notifyError, notifySuccess } from '@/ui/feedback';

export type IssuableDocument = NonNullable<CaseIssuedDocumentsQuery['case']>['issuableDocuments'][number];
export type IssuedDocument = IssuedDocumentFieldsFragment;

/** One document of the case with the files issued from it, newest first. */
export interface DocumentRow extends IssuableDocument {
  key: string;
  files: IssuedDocument[];
}

/** While a PDF is being converted the list is read again this often. */
export const PDF_POLL_MS = 2500;

export const pdfFileName = (docxName: string) => docxName.replace(/\.docx$/i, '') + '.pdf';

export const documentKey = (d: { kind: string; documentId: string | null }) =>
  `${d.kind}:${d.documentId ?? ''}`;

/** The issuable documents of a case with their files; issuing one and downloading a file. */
export function useIssuedDocuments(caseId: MaybeRefOrGetter<string>) {
  const { client } = useClientHandle();
  const { report } = useApiError();
  const { getFile } = useAuthorizedTransfer();
  const { t } = useI18n();
  const rows = shallowRef<DocumentRow[]>([]);
  const loading = ref(false);
  const issuing = ref<string | null>(null);
  const retrying = ref<string | null>(null);
  /** The PDF shown in the page: a blob URL, revoked when closed. */
  const preview = shallowRef<{ url: string; title: string } | null>(null);
  let pollTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  function group(data: NonNullable<CaseIssuedDocumentsQuery['case']>): DocumentRow[] {
    return data.issuableDocuments.map((d) => {
      const key = documentKey(d);
      const files = data.issuedDocuments.filter((f) => documentKey(f) === key).reverse();
      return { ...d, key, number: d.number ?? files[0]?.number ?? null, files };
    });
  }

  function stopPolling(): void {
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = null;
  }

  /** Reads the list again while any PDF is being converted; stops when none is. */
  function pollWhilePending(): void {
    stopPolling();
    const pending = rows.value.some((row) => row.files.some((f) => f.pdfStatus === 'PENDING'));
    if (pending && !disposed) pollTimer = setTimeout(() => void load(true), PDF_POLL_MS);
  }

  async function load(quietly = false): Promise<void> {
    if (!quietly) loading.value = true;
    try {
      const result = await client
        .query(CaseIssuedDocumentsDocument, { id: toValue(caseId) }, { requestPolicy: 'network-only' })
        .toPromise();
      if (result.error) report(result.error);
      else if (result.data?.case) rows.value = group(result.data.case);
    } finally {
      loading.value = false;
      pollWhilePending();
    }
  }

  async function issue(row: DocumentRow): Promise<void> {
    issuing.value = row.key;
    try {
      const result = await client
        .mutation(IssueDocumentDocument, {
          input: { caseId: toValue(caseId), kind: row.kind, documentId: row.documentId },
        })
        .toPromise();
      if (result.error) {
        report(result.error);
        return;
      }
      notifySuccess(t('case.issued.issuedOk', { number: result.data!.issueDocument.number }));
      await load();
    } finally {
      issuing.value = null;
    }
  }

  /** The file's bytes with the session's token (renewed once if it expired). */
  async function fetchFile(url: string): Promise<Blob | null> {
    const response = await getFile(url);
    if (response.status === 200 && response.body) return response.body;
    notifyError(
      response.status === 403
        ? t('errors.forbidden')
        : t('case.issued.downloadFailed', { status: response.status }),
    );
    return null;
  }

  async function download(file: IssuedDocument): Promise<void> {
    const blob = await fetchFile(file.downloadUrl);
    if (blob) saveBlob(blob, file.fileName);
  }

  async function downloadPdf(file: IssuedDocument): Promise<void> {
    if (!file.pdfDownloadUrl) return;
    const blob = await fetchFile(file.pdfDownloadUrl);
    if (blob) saveBlob(blob, pdfFileName(file.fileName));
  }

  async function openPreview(file: IssuedDocument): Promise<void> {
    if (!file.pdfDownloadUrl) return;
    const blob = await fetchFile(file.pdfDownloadUrl);
    if (!blob) return;
    closePreview();
    const pdf = blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' });
    preview.value = { url: URL.createObjectURL(pdf), title: pdfFileName(file.fileName) };
  }

  function closePreview(): void {
    if (preview.value) URL.revokeObjectURL(preview.value.url);
    preview.value = null;
  }

  async function retryPdf(file: IssuedDocument): Promise<void> {
    retrying.value = file.id;
    try {
      const result = await client
        .mutation(ConvertIssuedDocumentPdfDocument, { input: { issuedDocumentId: file.id } })
        .toPromise();
      if (result.error) {
        report(result.error);
        return;
      }
      notifySuccess(t('case.issued.pdfRetried'));
      await load(true);
    } finally {
      retrying.value = null;
    }
  }

  watch(
    () => toValue(caseId),
    () => load(),
    { immediate: true },
  );
  onScopeDispose(() => {
    disposed = true;
    stopPolling();
    closePreview();
  });

  return {
    rows,
    loading,
    issuing,
    retrying,
    preview,
    load,
    issue,
    download,
    downloadPdf,
    openPreview,
    closePreview,
    retryPdf,
  };
}
