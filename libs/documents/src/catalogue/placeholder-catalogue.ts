import type { DocxDataByKind } from '../document-data.js';
import type { DocxKind } from '../kinds.js';
import { assignmentSheetFields } from './assignment-sheet.catalogue.js';
import { circularNoticeFields } from './circular-notice.catalogue.js';
import { handoverLetterFields } from './handover-letter.catalogue.js';
import { describeFields, examplesOf, type FieldSpecs, type PlaceholderInfo } from './field-spec.js';
import { referralLetterFields } from './referral-letter.catalogue.js';
import { registrationFormFields } from './registration-form.catalogue.js';
import { specialSupervisionLetterFields } from './special-supervision-letter.catalogue.js';
import { supervisionLetterFields } from './supervision-letter.catalogue.js';

const FIELDS: { [K in DocxKind]: FieldSpecs<DocxDataByKind[K]> } = {
  REGISTRATION_FORM: registrationFormFields,
  ASSIGNMENT_SHEET: assignmentSheetFields,
  REFERRAL_LETTER: referralLetterFields,
  SUPERVISION_LETTER: supervisionLetterFields,
  SPECIAL_SUPERVISION_LETTER: specialSupervisionLetterFields,
  CIRCULAR_NOTICE: circularNoticeFields,
  HANDOVER_LETTER: handoverLetterFields,
};

/** The placeholders a template of this kind may use, in the order of the form. */
export function placeholderCatalogue(kind: DocxKind): PlaceholderInfo[] {
  return describeFields(FIELDS[kind] as FieldSpecs<unknown>);
}

/** Sample data made of the catalogue's examples (a fresh copy on each call): the preview's data. */
export function sampleData<K extends DocxKind>(kind: K): DocxDataByKind[K] {
  return examplesOf(FIELDS[kind] as FieldSpecs<DocxDataByKind[K]>);
}
