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

/** The part a section's header or footer reference of `type` points to (first, default, even). */
export function referencedPart(docx: Uint8Array, element: 'header' | 'footer', type: string): string {
  const id = new RegExp(`<w:${element}Reference w:type="${type}" r:id="(\\w+)"/>`).exec(partXml(docx))?.[1];
  if (!id) throw new Error(`no ${type} ${element}`);
  const rels = partXml(docx, 'word/_rels/document.xml.rels');
  return partXml(docx, `word/${new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)![1]}`);
}

/** Page 1 as read: the first page's header (a letter's masthead), then the body. */
export function firstPageText(docx: Uint8Array): string {
  const hasFirstHeader = partXml(docx).includes('<w:headerReference w:type="first"');
  return (hasFirstHeader ? xmlText(referencedPart(docx, 'header', 'first')) : '') + documentText(docx);
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
