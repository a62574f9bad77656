import type { Document, FileChild } from 'docx';
import { blankLine, flush, letterMasthead, letterNumber, signature, title } from './blocks.js';
import { gbDocument } from './gb-document.js';

/**
 * A letter (信函格式) of `{issuingBodyName}`: its masthead and number `{letterNo}`, the heading and
 * the salutation, then `body`, signed with the body's name and `{issuedOn}`; `after` follows the
 * signature (the colophon, an attachment).
 */
export function letterDocument(options: {
  title: string;
  heading: string;
  salutation: string;
  body: FileChild[];
  after?: FileChild[];
}): Document {
  return gbDocument({
    title: options.title,
    letterMasthead: letterMasthead('{issuingBodyName}'),
    children: [
      letterNumber('{letterNo}'),
      blankLine(),
      blankLine(),
      title(options.heading),
      blankLine(),
      flush(options.salutation),
      ...options.body,
      blankLine(),
      ...signature('{issuingBodyName}', '{issuedOn}'),
      ...(options.after ?? []),
    ],
  });
}
