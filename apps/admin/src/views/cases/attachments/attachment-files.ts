/** What the console checks before sending a file; the API checks the same (and the content). */
export interface AttachmentPolicyValue {
  maxBytes: number;
  extensions: readonly string[];
}

export type FileProblem = { kind: 'tooLarge' } | { kind: 'wrongType' } | { kind: 'empty' };

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

export function fileProblem(
  file: { name: string; size: number },
  policy: AttachmentPolicyValue,
): FileProblem | null {
  if (!policy.extensions.includes(extensionOf(file.name))) return { kind: 'wrongType' };
  if (file.size === 0) return { kind: 'empty' };
  if (file.size > policy.maxBytes) return { kind: 'tooLarge' };
  return null;
}

/** The `accept` attribute of a file input: the accepted extensions. */
export function acceptAttribute(policy: AttachmentPolicyValue | null): string {
  return policy ? policy.extensions.map((extension) => `.${extension}`).join(',') : '';
}

/** Sizes as people read them: 512 B, 34.5 KB, 20 MB (binary units, one decimal). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} ${units[unit]}`;
}
