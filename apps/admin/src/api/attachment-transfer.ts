import type { RestErrorBody } from './rest-error';

/**
 * Case attachments travel over plain HTTP beside GraphQL (multipart upload, file download), with
 * the same bearer token. XMLHttpRequest rather than fetch: it reports upload progress.
 */

export interface TransferResponse<T> {
  /** HTTP status; 0 when the request never got an answer (network down, aborted). */
  status: number;
  body: T;
}

/** The JSON the API answers a refused request with (its one REST error shape). */
export type TransferProblem = RestErrorBody;

function send<T>(
  method: 'GET' | 'POST',
  url: string,
  token: string | null,
  options: { body?: FormData; responseType: 'json' | 'blob'; onProgress?: (fraction: number) => void },
): Promise<TransferResponse<T>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.responseType = options.responseType;
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    if (options.onProgress) {
      const report = options.onProgress;
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable && event.total > 0) report(event.loaded / event.total);
      });
    }
    xhr.addEventListener('load', () => resolve({ status: xhr.status, body: xhr.response as T }));
    xhr.addEventListener('error', () => resolve({ status: 0, body: null as T }));
    xhr.addEventListener('abort', () => resolve({ status: 0, body: null as T }));
    xhr.send(options.body ?? null);
  });
}

/** POST a file as the multipart field `file` (attachments, park templates). */
export function postFile<T>(
  url: string,
  file: File,
  token: string | null,
  onProgress?: (fraction: number) => void,
): Promise<TransferResponse<T | TransferProblem | null>> {
  const form = new FormData();
  form.append('file', file, file.name);
  return send('POST', url, token, { body: form, responseType: 'json', onProgress });
}

/** POST /api/cases/:caseId/attachments with the file in the form field `file`. */
export function postAttachment<T>(
  caseId: string,
  file: File,
  token: string | null,
  onProgress: (fraction: number) => void,
): Promise<TransferResponse<T | TransferProblem | null>> {
  return postFile<T>(`/api/cases/${encodeURIComponent(caseId)}/attachments`, file, token, onProgress);
}

/** GET a download URL the API gave (`downloadUrl`), as a Blob. */
export function getAttachment(url: string, token: string | null): Promise<TransferResponse<Blob | null>> {
  return send('GET', url, token, { responseType: 'blob' });
}

/** Hands a downloaded file to the browser under its own name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once click() returns; release it a little later for old engines.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
