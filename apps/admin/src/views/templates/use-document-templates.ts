import { ref, shallowRef } from 'vue';
import { useClientHandle } from '@urql/vue';
import { useI18n } from 'vue-i18n';
import { getAttachment, saveBlob } from '@/api/attachment-transfer';
import { useApiError } from '@/api/use-api-error';
import {
  ActivateDocumentTemplateDocument,
  DocumentTemplatesDocument,
  type DocumentKind,
  type DocumentTemplateKindFieldsFragment,
} from '@/gql/graphql';
import { useSessionStore } from '@/stores/session';
import { notifyError, notifySuccess } from '@/ui/feedback';

export type TemplateKind = DocumentTemplateKindFieldsFragment;

/** A problem of a refused template as the API lists it (validateTemplate). */
export interface TemplateProblem {
  code: string;
  message: string;
  messageZh: string;
  tag?: string;
  suggestion?: string;
}

/** POST the file as multipart `file`; XMLHttpRequest like the attachments (fetch is GraphQL's). */
function postFile(url: string, file: File, token: string | null): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'json';
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.addEventListener('load', () => resolve({ status: xhr.status, body: xhr.response as unknown }));
    xhr.addEventListener('error', () => resolve({ status: 0, body: null }));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** The park's templates per kind: upload (problems by name), preview, download, activate. */
export function useDocumentTemplates() {
  const { client } = useClientHandle();
  const { report } = useApiError();
  const session = useSessionStore();
  const { t } = useI18n();
  const kinds = shallowRef<TemplateKind[]>([]);
  const loading = ref(false);
  const problems = ref<Partial<Record<DocumentKind, TemplateProblem[]>>>({});
  const busy = ref<string | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const result = await client
        .query(DocumentTemplatesDocument, {}, { requestPolicy: 'network-only' })
        .toPromise();
      if (result.error) report(result.error);
      else if (result.data) kinds.value = result.data.documentTemplates;
    } finally {
      loading.value = false;
    }
  }

  async function withToken<T extends { status: number }>(
    send: (token: string | null) => Promise<T>,
  ): Promise<T> {
    const token = session.accessToken;
    const first = await send(token);
    if (first.status !== 401 || !(await session.refresh(token))) return first;
    return send(session.accessToken);
  }

  async function upload(kind: TemplateKind, file: File): Promise<void> {
    problems.value = { ...problems.value, [kind.kind]: [] };
    if (file.size > kind.maxBytes) {
      notifyError(t('templates.tooLarge', { size: `${Math.round(kind.maxBytes / 1024 / 1024)} MB` }));
      return;
    }
    busy.value = kind.kind;
    try {
      const response = await withToken((token) => postFile(kind.uploadUrl, file, token));
      const body = (response.body ?? {}) as {
        version?: number;
        problems?: TemplateProblem[];
        message?: string;
      };
      if (response.status === 201) {
        notifySuccess(t('templates.uploaded', { version: body.version }));
        await load();
      } else if (response.status === 422 && body.problems) {
        problems.value = { ...problems.value, [kind.kind]: body.problems };
      } else {
        notifyError(body.message ?? t('templates.uploadFailed', { status: response.status }));
      }
    } finally {
      busy.value = null;
    }
  }

  async function activate(kind: TemplateKind, templateId: string | null): Promise<void> {
    busy.value = kind.kind;
    try {
      const result = await client
        .mutation(ActivateDocumentTemplateDocument, { input: { kind: kind.kind, templateId } })
        .toPromise();
      if (result.error) {
        report(result.error);
        return;
      }
      kinds.value = kinds.value.map((k) =>
        k.kind === kind.kind ? result.data!.activateDocumentTemplate : k,
      );
      notifySuccess(t('templates.activated'));
    } finally {
      busy.value = null;
    }
  }

  async function download(url: string, fileName: string): Promise<void> {
    const response = await withToken((token) => getAttachment(url, token));
    if (response.status === 200 && response.body) saveBlob(response.body, fileName);
    else notifyError(t('templates.uploadFailed', { status: response.status }));
  }

  return { kinds, loading, problems, busy, load, upload, activate, download };
}
