/** A kind of file the registration form may carry as further pages (可另附页). */
export interface AttachmentType {
  extensions: readonly string[];
  contentType: string;
  /** Does the start of the file look like this kind? */
  matches(head: Buffer): boolean;
}

const PDF = Buffer.from('%PDF-');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
// Compound File Binary: Word 97–2003, Excel 97–2003 and WPS Office's own formats.
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// Office Open XML documents are ZIP archives.
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const startsWith = (head: Buffer, magic: Buffer) =>
  head.length >= magic.length && head.subarray(0, magic.length).equals(magic);

/** Text: a UTF-16 byte order mark, or no NUL byte at all (UTF-8, GB18030 and ASCII have none). */
function looksLikeText(head: Buffer): boolean {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)))
    return true;
  return !head.includes(0);
}

export const ATTACHMENT_TYPES: readonly AttachmentType[] = [
  // Readers accept a PDF header anywhere in the first kilobyte.
  {
    extensions: ['pdf'],
    contentType: 'application/pdf',
    matches: (head) => head.subarray(0, 1024).includes(PDF),
  },
  { extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg', matches: (head) => startsWith(head, JPEG) },
  { extensions: ['png'], contentType: 'image/png', matches: (head) => startsWith(head, PNG) },
  { extensions: ['doc'], contentType: 'application/msword', matches: (head) => startsWith(head, OLE2) },
  {
    extensions: ['docx'],
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    matches: (head) => startsWith(head, ZIP),
  },
  { extensions: ['xls'], contentType: 'application/vnd.ms-excel', matches: (head) => startsWith(head, OLE2) },
  {
    extensions: ['xlsx'],
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    matches: (head) => startsWith(head, ZIP),
  },
  {
    extensions: ['wps'],
    contentType: 'application/wps-office.wps',
    matches: (head) => startsWith(head, OLE2) || startsWith(head, ZIP),
  },
  {
    extensions: ['et'],
    contentType: 'application/wps-office.et',
    matches: (head) => startsWith(head, OLE2) || startsWith(head, ZIP),
  },
  { extensions: ['txt'], contentType: 'text/plain', matches: looksLikeText },
];

/** How many leading bytes `matches` needs to decide. */
export const HEAD_BYTES = 4096;

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
