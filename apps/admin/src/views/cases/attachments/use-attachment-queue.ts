import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { useClientHandle } from '@urql/vue';
import { AttachmentPolicyDocument } from '@/gql/graphql';
import { acceptAttribute, fileProblem, formatBytes, type AttachmentPolicyValue } from './attachment-files';
import { useAttachmentTransfer, type CaseAttachment } from './use-attachment-transfer';

/** refused: failed the checks, before sending or by the API; failed: may be sent again. */
export type QueuedStatus = 'refused' | 'waiting' | 'uploading' | 'done' | 'failed';

export interface QueuedFile {
  key: number;
  file: File;
  name: string;
  size: number;
  status: QueuedStatus;
  /** 0–100 while uploading. */
  percent: number;
  /** Why it was refused or failed. */
  message: string | null;
}

/**
 * Files chosen to attach to a case: checked against the API's policy as they are picked (size,
 * kind), then uploaded one after the other with their progress and outcome.
 */
export function useAttachmentQueue() {
  const { client } = useClientHandle();
  const { t } = useI18n();
  const transfer = useAttachmentTransfer();

  const policy = shallowRef<AttachmentPolicyValue | null>(null);
  const items = ref<QueuedFile[]>([]);
  const busy = ref(false);
  let nextKey = 1;

  function check(item: QueuedFile): void {
    if (!policy.value || (item.status !== 'waiting' && item.status !== 'refused')) return;
    const problem = fileProblem(item, policy.value);
    if (!problem) {
      item.status = 'waiting';
      item.message = null;
      return;
    }
    item.status = 'refused';
    item.message =
      problem.kind === 'tooLarge'
        ? t('case.attachments.tooLarge', { size: formatBytes(policy.value.maxBytes) })
        : t(`case.attachments.${problem.kind}`);
  }

  void client
    .query(AttachmentPolicyDocument, {})
    .toPromise()
    .then((result) => {
      if (!result.data) return;
      policy.value = result.data.attachmentPolicy;
      for (const item of items.value) check(item);
    });

  function add(files: Iterable<File>): void {
    for (const file of files) {
      items.value.push({
        key: nextKey++,
        file,
        name: file.name,
        size: file.size,
        status: 'waiting',
        percent: 0,
        message: null,
      });
      check(items.value[items.value.length - 1]);
    }
  }

  function remove(key: number): void {
    items.value = items.value.filter((item) => item.key !== key || item.status === 'uploading');
  }

  function clear(): void {
    if (!busy.value) items.value = [];
  }

  /** Drops the files that are on the case now (listed there). */
  function removeDone(): void {
    items.value = items.value.filter((item) => item.status !== 'done');
  }

  /** Sends every waiting (or failed) file to the case, one at a time. */
  async function uploadTo(caseId: string): Promise<{ uploaded: CaseAttachment[]; failed: number }> {
    const uploaded: CaseAttachment[] = [];
    let failed = 0;
    if (busy.value) return { uploaded, failed };
    busy.value = true;
    try {
      for (const item of items.value) {
        if (item.status !== 'waiting' && item.status !== 'failed') continue;
        item.status = 'uploading';
        item.percent = 0;
        item.message = null;
        const outcome = await transfer.upload(
          caseId,
          item.file,
          (fraction) => {
            item.percent = Math.min(99, Math.round(fraction * 100));
          },
          policy.value?.maxBytes ?? null,
        );
        if (outcome.ok) {
          item.status = 'done';
          item.percent = 100;
          uploaded.push(outcome.attachment);
        } else if (outcome.retryable) {
          item.status = 'failed';
          item.message = t('case.attachments.failed', { reason: outcome.reason });
          failed += 1;
        } else {
          // The API refused the file itself (size, kind, content): sending it again would not help.
          item.status = 'refused';
          item.message = outcome.reason;
        }
      }
    } finally {
      busy.value = false;
    }
    return { uploaded, failed };
  }

  const pending = computed(() => items.value.filter((i) => i.status === 'waiting' || i.status === 'failed'));
  const failed = computed(() => items.value.filter((i) => i.status === 'failed'));
  const accept = computed(() => acceptAttribute(policy.value));
  const hint = computed(() =>
    policy.value ? t('case.attachments.hint', { size: formatBytes(policy.value.maxBytes) }) : '',
  );

  return { policy, items, busy, pending, failed, accept, hint, add, remove, clear, removeDone, uploadTo };
}

export type AttachmentQueue = ReturnType<typeof useAttachmentQueue>;
