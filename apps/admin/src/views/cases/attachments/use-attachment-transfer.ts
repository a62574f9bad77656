import { useI18n } from 'vue-i18n';
import { postAttachment, saveBlob, type TransferResponse } from '@/api/attachment-transfer';
import { restErrorOf } from '@/api/rest-error';
import { useAuthorizedTransfer } from '@/api/use-authorized-transfer';
import type { CaseDetailFieldsFragment } from '@/gql/graphql';
import { formatBytes } from './attachment-files';

export type CaseAttachment = CaseDetailFieldsFragment['attachments'][number];

/** `retryable`: the file itself was not refused (connection, server, session), so sending it again may work. */
export type UploadOutcome =
  { ok: true; attachment: CaseAttachment } | { ok: false; reason: string; retryable: boolean };

/** Uploads and downloads with the session's token; an expired token is renewed once and the request sent again. */
export function useAttachmentTransfer() {
  const { authorized, getFile } = useAuthorizedTransfer();
  const { t } = useI18n();

  /** Why the API did not take or give the file, in the user's language. */
  function reasonOf(response: TransferResponse<unknown>, maxBytes: number | null): string {
    const problem = restErrorOf(response.body);
    switch (response.status) {
      case 0:
        return t('case.attachments.errors.network');
      case 401:
        return t('case.attachments.errors.sessionExpired');
      case 403:
        return t('errors.forbidden');
      case 404:
        return t('errors.notFound');
      case 413:
        return maxBytes
          ? t('case.attachments.tooLarge', { size: formatBytes(maxBytes) })
          : (problem?.message ?? t('errors.invalidInput'));
      case 415:
        return t('case.attachments.wrongType');
      case 400:
        return problem?.message ?? t('errors.invalidInput');
      default:
        return t('case.attachments.errors.server', { status: response.status });
    }
  }

  async function upload(
    caseId: string,
    file: File,
    onProgress: (fraction: number) => void,
    maxBytes: number | null = null,
  ): Promise<UploadOutcome> {
    const response = await authorized((token) =>
      postAttachment<CaseAttachment>(caseId, file, token, onProgress),
    );
    if (response.status === 201 && response.body)
      return { ok: true, attachment: response.body as CaseAttachment };
    const retryable = response.status === 0 || response.status === 401 || response.status >= 500;
    return { ok: false, reason: reasonOf(response, maxBytes), retryable };
  }

  /** Downloads a file and hands it to the browser; resolves to the reason when it could not. */
  async function download(
    attachment: Pick<CaseAttachment, 'downloadUrl' | 'fileName'>,
  ): Promise<string | null> {
    const response = await getFile(attachment.downloadUrl);
    if (response.status === 200 && response.body) {
      saveBlob(response.body, attachment.fileName);
      return null;
    }
    return reasonOf(response, null);
  }

  return { upload, download };
}
