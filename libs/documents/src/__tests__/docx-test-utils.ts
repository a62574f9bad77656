import PizZip from 'pizzip';

export function partXml(docx: Uint8Array, part = 'word/document.xml'): string {
  const file = new PizZip(docx).file(part);
  if (!file) throw new Error(`${part} missing`);
  return file.asText();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of a WordprocessingML part: paragraphs and breaks as new lines, tabs as tabs, no tags. */
export function xmlText(xml: string): string {
  return xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<w:br\/>/g, '\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]);
}

export function documentText(docx: Uint8Array): string {
  return xmlText(partXml(docx));
}

/** A copy of a .docx with word/document.xml edited. */
export function editDocument(docx: Uint8Array, edit: (xml: string) => string): Buffer {
  const zip = new PizZip(docx);
  zip.file('word/document.xml', edit(zip.file('word/document.xml')!.asText()));
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The attributes of the first element named `tag` in the XML. */
export function attributesOf(xml: string, tag: string): Record<string, string> {
  const match = new RegExp(`<${tag}\\b([^>]*)/?>`).exec(xml);
  if (!match) throw new Error(`<${tag}> missing`);
  return Object.fromEntries([...match[1].matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

/** Every string of a data object (loop items included), with its path. */
export function leafStrings(data: unknown, path: string[] = []): { path: string; value: string }[] {
  if (typeof data === 'string') return [{ path: path.join('.'), value: data }];
  if (Array.isArray(data)) return data.flatMap((item, i) => leafStrings(item, [...path, String(i)]));
  if (data && typeof data === 'object') {
    return Object.entries(data).flatMap(([key, value]) => leafStrings(value, [...path, key]));
  }
  return [];
}
