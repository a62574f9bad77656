import { CIRCULAR_NOTICE_GROUNDS } from '@qifu/domain';
import { isEnglish } from '@/views/cases/case-labels';

export const GROUND_CODES = Object.keys(CIRCULAR_NOTICE_GROUNDS) as (keyof typeof CIRCULAR_NOTICE_GROUNDS)[];

export function groundLabel(code: string, locale: string): string {
  const ground = CIRCULAR_NOTICE_GROUNDS[code as keyof typeof CIRCULAR_NOTICE_GROUNDS];
  if (!ground) return code;
  return isEnglish(locale) ? ground.en : ground.zh;
}
