import type { DocumentTemplateKind } from '@qifu/domain';

/**
 * The Word documents this library produces. Five of them are the park's template kinds
 * (`rules.templates` in @qifu/domain); the special-supervision letter (Art. 10, 专项督办) and the
 * hand-over letter to an outside office (移交函) are letters of their own with their own wording and
 * placeholders.
 */
export const DOCX_KINDS = [
  'REGISTRATION_FORM',
  'ASSIGNMENT_SHEET',
  'REFERRAL_LETTER',
  'SUPERVISION_LETTER',
  'SPECIAL_SUPERVISION_LETTER',
  'CIRCULAR_NOTICE',
  'HANDOVER_LETTER',
] as const;
export type DocxKind = (typeof DOCX_KINDS)[number];

// Every DOCX template kind of the park rules has a document here (the ledger export is XLSX).
type MissingKinds = Exclude<Exclude<DocumentTemplateKind, 'LEDGER_EXPORT'>, DocxKind>;
const everyTemplateKindCovered: MissingKinds extends never ? true : false = true;
void everyTemplateKindCovered;

export const DOCX_KIND_LABELS: Record<DocxKind, { zh: string; en: string }> = {
  REGISTRATION_FORM: { zh: '企业反映困难问题登记表', en: 'Registration form' },
  ASSIGNMENT_SHEET: { zh: '企业反映困难问题交办单', en: 'Assignment sheet' },
  REFERRAL_LETTER: { zh: '商函（区级部门）', en: 'Referral letter' },
  SUPERVISION_LETTER: { zh: '督办函', en: 'Supervision letter' },
  SPECIAL_SUPERVISION_LETTER: { zh: '专项督办函', en: 'Special-supervision letter' },
  CIRCULAR_NOTICE: { zh: '通报', en: 'Circular notice' },
  HANDOVER_LETTER: { zh: '移交函', en: 'Hand-over letter' },
};

export function isDocxKind(value: unknown): value is DocxKind {
  return typeof value === 'string' && (DOCX_KINDS as readonly string[]).includes(value);
}
