import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Document } from 'docx';
import { packStable } from '../layout/gb-document.js';
import type { DocxKind } from '../kinds.js';
import { assignmentSheetTemplate } from './assignment-sheet.template.js';
import { circularNoticeTemplate } from './circular-notice.template.js';
import { handoverLetterTemplate } from './handover-letter.template.js';
import { referralLetterTemplate } from './referral-letter.template.js';
import { registrationFormTemplate } from './registration-form.template.js';
import { specialSupervisionLetterTemplate } from './special-supervision-letter.template.js';
import { supervisionLetterTemplate } from './supervision-letter.template.js';

const BUILDERS: Record<DocxKind, () => Document> = {
  REGISTRATION_FORM: registrationFormTemplate,
  ASSIGNMENT_SHEET: assignmentSheetTemplate,
  REFERRAL_LETTER: referralLetterTemplate,
  SUPERVISION_LETTER: supervisionLetterTemplate,
  SPECIAL_SUPERVISION_LETTER: specialSupervisionLetterTemplate,
  CIRCULAR_NOTICE: circularNoticeTemplate,
  HANDOVER_LETTER: handoverLetterTemplate,
};

/** File names of the committed default templates, in libs/documents/templates/. */
export const DEFAULT_TEMPLATE_FILES: Record<DocxKind, string> = {
  REGISTRATION_FORM: 'registration-form.docx',
  ASSIGNMENT_SHEET: 'assignment-sheet.docx',
  REFERRAL_LETTER: 'referral-letter.docx',
  SUPERVISION_LETTER: 'supervision-letter.docx',
  SPECIAL_SUPERVISION_LETTER: 'special-supervision-letter.docx',
  CIRCULAR_NOTICE: 'circular-notice.docx',
  HANDOVER_LETTER: 'handover-letter.docx',
};

/** The folder of the committed templates; the same relative place from src/ and from dist/. */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export function defaultTemplatePath(kind: DocxKind): string {
  return DEFAULT_TEMPLATES_DIR + DEFAULT_TEMPLATE_FILES[kind];
}

/** Builds a default template from code (the `templates` script writes these files). */
export function buildDefaultTemplate(kind: DocxKind): Promise<Buffer> {
  return packStable(BUILDERS[kind]());
}

const cache = new Map<DocxKind, Promise<Buffer>>();

/** The committed default template of a kind, read once per process. */
export function readDefaultTemplate(kind: DocxKind): Promise<Buffer> {
  let template = cache.get(kind);
  if (!template) {
    template = readFile(defaultTemplatePath(kind));
    template.catch(() => cache.delete(kind));
    cache.set(kind, template);
  }
  return template;
}
