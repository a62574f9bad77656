import { useSessionStore } from '@/stores/session';
import { getAttachment, type TransferResponse } from './attachment-transfer';

/**
 * File transfers beside GraphQL (uploads, downloads) with the session's token: an expired token is
 * renewed once and the request sent again, as GraphQL requests are.
 */
export function useAuthorizedTransfer() {
  const session = useSessionStore();

  async function authorized<T extends { status: number }>(
    send: (token: string | null) => Promise<T>,
  ): Promise<T> {
    const token = session.accessToken;
    const first = await send(token);
    if (first.status !== 401 || !(await session.refresh(token))) return first;
    return send(session.accessToken);
  }

  /** GET a download URL the API gave, as a Blob. */
  function getFile(url: string): Promise<TransferResponse<Blob | null>> {
    return authorized((token) => getAttachment(url, token));
  }

  return { authorized, getFile };
}
