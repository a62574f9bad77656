import type { Duration, LetterWording, ParkRules } from './park-rules.schema.js';

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
  // The referral letter (Art. 7.2) a supervision letter to a district bureau refers to.
  'referralLetterTitle',
  'referralLetterNo',
  'referredOn',
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

/**
 * The supervision letter to a district bureau that has not answered its referral letter (Art. 7.2
 * and 10), for parks whose rules give no `letters.referralSupervision`: it cites that letter, its
 * number and date, instead of an assignment the bureau never received.
 */
export const DEFAULT_REFERRAL_SUPERVISION_WORDING: LetterWording = {
  title: '关于督促办理企业困难问题的函',
  salutation: '{addressee}：',
  body: '我委于{referredOn}以《{referralLetterTitle}》（{referralLetterNo}）函请贵单位协助解决{enterpriseName}反映的{difficulty}困难，并于{dueDate}前将办理情况告知我委，至今未收到贵单位回复。请贵单位抓紧办理，并将办理情况及相关负责人、联系方式函告我委。',
  closing: '特此函告',
};

/** The wording of a supervision letter: to a department that was assigned the case, or to a bureau written to. */
export function supervisionWording(
  letters: ParkRules['letters'],
  addressee: 'ASSIGNEE' | 'REFERRED_BUREAU',
): LetterWording {
  return addressee === 'REFERRED_BUREAU'
    ? (letters.referralSupervision ?? DEFAULT_REFERRAL_SUPERVISION_WORDING)
    : letters.supervision;
}
