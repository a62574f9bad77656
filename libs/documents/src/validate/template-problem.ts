export const TEMPLATE_PROBLEM_CODES = [
  'FILE_TOO_LARGE',
  'NOT_A_ZIP',
  'UNSUPPORTED_ZIP',
  'NOT_A_DOCX',
  'TEMPLATE_SYNTAX',
  'RAW_XML_TAG',
  'UNKNOWN_PLACEHOLDER',
  'WRONG_PLACEHOLDER_KIND',
] as const;
export type TemplateProblemCode = (typeof TEMPLATE_PROBLEM_CODES)[number];

/** One reason to refuse a template, worded for the person who uploaded it. */
export interface TemplateProblem {
  code: TemplateProblemCode;
  message: string;
  messageZh: string;
  /** docxtemplater's error id for TEMPLATE_SYNTAX (unclosed_tag, unclosed_loop…). */
  errorId?: string;
  /** The placeholder concerned, without braces. */
  tag?: string;
  /** The part of the package, e.g. word/document.xml. */
  file?: string;
  /** For an unknown placeholder: the closest name the catalogue knows. */
  suggestion?: string;
}
