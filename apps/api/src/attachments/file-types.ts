/** A kind of file the registration form may carry as further pages (可另附页). */
export interface AttachmentType {
  extensions: readonly string[];
  contentType: string;
  /**
   * What file-type must recognise in the content (its `ext`). None for text, which has no
   * signature: text must decode instead (text-content.ts).
   */
  signatures: readonly string[];
}

// cfb: Compound File Binary, i.e. Word 97–2003, Excel 97–2003 and WPS Office's own formats.
export const ATTACHMENT_TYPES: readonly AttachmentType[] = [
  { extensions: ['pdf'], contentType: 'application/pdf', signatures: ['pdf'] },
  { extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg', signatures: ['jpg'] },
  { extensions: ['png'], contentType: 'image/png', signatures: ['png'] },
  { extensions: ['doc'], contentType: 'application/msword', signatures: ['cfb'] },
  {
    extensions: ['docx'],
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    signatures: ['docx'],
  },
  { extensions: ['xls'], contentType: 'application/vnd.ms-excel', signatures: ['cfb'] },
  {
    extensions: ['xlsx'],
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    signatures: ['xlsx'],
  },
  { extensions: ['wps'], contentType: 'application/wps-office.wps', signatures: ['cfb', 'docx'] },
  { extensions: ['et'], contentType: 'application/wps-office.et', signatures: ['cfb', 'xlsx'] },
  { extensions: ['txt'], contentType: 'text/plain', signatures: [] },
];

/** Signatures of ZIP packages: checked entry by entry (safe-zip) before they are kept. */
export const ZIP_SIGNATURES: ReadonlySet<string> = new Set(['docx', 'xlsx']);

/** Every accepted extension, lower case, without the dot. */
export const ATTACHMENT_EXTENSIONS: readonly string[] = ATTACHMENT_TYPES.flatMap((type) => type.extensions);

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** The kind a file name claims, or null when its extension is not accepted. */
export function typeByName(fileName: string): AttachmentType | null {
  const extension = extensionOf(fileName);
  return ATTACHMENT_TYPES.find((type) => type.extensions.includes(extension)) ?? null;
}

/**
 * The name as it will be stored and offered for download: no folders (some browsers send the
 * client's path), no control characters, at most 255 characters with the extension kept.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const name = [...base.normalize('NFC')]
    .filter((char) => char.charCodeAt(0) > 0x1f && char !== '\u007f')
    .join('')
    .trim();
  if ([...name].length <= 255) return name;
  const extension = extensionOf(name);
  const keep = 255 - (extension ? extension.length + 1 : 0);
  return `${[...name].slice(0, keep).join('')}${extension ? `.${extension}` : ''}`;
}
