import { ref, shallowRef } from 'vue';
import { useClientHandle } from '@urql/vue';
import { useI18n } from 'vue-i18n';
import { postFile, saveBlob, type TransferProblem } from '@/api/attachment-transfer';
import { restErrorOf } from '@/api/rest-error';
import { useAuthorizedTransfer } from '@/api/use-authorized-transfer';
import { useApiError } from '@/api/use-api-error';
import {
  ActivateDocumentTemplateDocument,
  DocumentTemplatesDocument,
  type DocumentKind,
  type DocumentTemplateKindFieldsFragment,
} from '@/gql/graphql';
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

/** The message of a refused download (a stored version that cannot be previewed names itself). */
async function problemOf(body: Blob | null): Promise<string | null> {
  if (!body) return null;
  try {
    const problem = JSON.parse(await body.text()) as TransferProblem;
    return typeof problem.message === 'string' ? problem.message : null;
  } catch {
    return null;
  }
}

/** The park's templates per kind: upload (problems by name), preview, download, activate. */
export function useDocumentTemplates() {
  const { client } = useClientHandle();
  const { report } = useApiError();
  const { authorized, getFile } = useAuthorizedTransfer();
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

  async function upload(kind: TemplateKind, file: File): Promise<void> {
    problems.value = { ...problems.value, [kind.kind]: [] };
    if (file.size > kind.maxBytes) {
      notifyError(t('templates.tooLarge', { size: `${Math.round(kind.maxBytes / 1024 / 1024)} MB` }));
      return;
    }
    busy.value = kind.kind;
    try {
      const response = await authorized((token) => postFile(kind.uploadUrl, file, token));
      if (response.status === 201) {
        const created = response.body as { version: number };
        notifySuccess(t('templates.uploaded', { version: created.version }));
        await load();
        return;
      }
      const refused = restErrorOf(response.body);
      const listed = refused?.code === 'TEMPLATE_INVALID' ? refused.details?.problems : undefined;
      if (Array.isArray(listed))
        problems.value = { ...problems.value, [kind.kind]: listed as TemplateProblem[] };
      else notifyError(refused?.message ?? t('templates.uploadFailed', { status: response.status }));
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
    const response = await getFile(url);
    if (response.status === 200 && response.body) saveBlob(response.body, fileName);
    else
      notifyError(
        (await problemOf(response.body)) ?? t('templates.downloadFailed', { status: response.status }),
      );
  }

  return { kinds, loading, problems, busy, load, upload, activate, download };
}
