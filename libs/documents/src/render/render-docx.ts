import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import type { DocxDataByKind } from '../document-data.js';
import type { DocxKind } from '../kinds.js';
import { describeTemplateErrors, type TemplateProblem } from '../validate/template-errors.js';
import { TEMPLATE_OPTIONS } from './docxtemplater-options.js';
import { writeZip } from './zip-writer.js';

/** A template that cannot be rendered; `problems` says why, in the words of validateTemplate. */
export class DocumentRenderError extends Error {
  constructor(
    readonly kind: DocxKind,
    readonly problems: TemplateProblem[],
  ) {
    super(`${kind} template cannot be rendered: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'DocumentRenderError';
  }
}

/**
 * Fills a template (the built-in default or a park's upload, validated by validateTemplate when it
 * was uploaded) with a document's data and returns the .docx bytes.
 */
export function renderDocx<K extends DocxKind>(
  kind: K,
  template: Uint8Array,
  data: DocxDataByKind[K],
): Buffer {
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(new PizZip(template), TEMPLATE_OPTIONS);
    doc.render(data);
  } catch (error) {
    throw new DocumentRenderError(kind, describeTemplateErrors(error));
  }
  // Zipped by Node's zlib (level 1: files a few per cent larger, written fastest), in the
  // template's order of entries.
  const zip = doc.getZip() as PizZip;
  return writeZip(
    Object.keys(zip.files)
      .map((name) => zip.files[name])
      .filter((file) => !file.dir)
      .map((file) => ({ name: file.name, data: file.asUint8Array() })),
    1,
  );
}
