import type { Duration } from './park-rules.schema.js';

/** Placeholders a letter's wording may use; documents fill them when the letter is produced. */
export const LETTER_PLACEHOLDERS = [
  'addressee',
  'parkName',
  'enterpriseName',
  'difficulty',
  'replyPeriod',
  'assignmentNo',
  'dueDate',
  'issuingBodyName',
] as const;
export type LetterPlaceholder = (typeof LETTER_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Placeholder names used in a wording, in order of appearance. */
export function letterPlaceholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

export function unknownLetterPlaceholders(text: string): string[] {
  return letterPlaceholdersIn(text).filter(
    (name) => !(LETTER_PLACEHOLDERS as readonly string[]).includes(name),
  );
}

/** Fills the placeholders; a missing value stays visible as {name} rather than vanishing. */
export function fillLetterText(text: string, values: Partial<Record<LetterPlaceholder, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name as LetterPlaceholder] ?? whole);
}

/** A duration as a letter states it: 5个工作日 / 5 working days. */
export function describeDuration(duration: Duration, locale: 'zh' | 'en' = 'zh'): string {
  if (locale === 'zh') return `${duration.amount}${duration.unit === 'WORKING_DAYS' ? '个工作日' : '日'}`;
  const unit = duration.unit === 'WORKING_DAYS' ? 'working day' : 'calendar day';
  return `${duration.amount} ${unit}${duration.amount === 1 ? '' : 's'}`;
}
