/**
 * Dates as official documents print them (GB/T 9704-2012, 7.3.5: 用阿拉伯数字将年、月、日标全，
 * 年份应标全称，月、日不编虚位): 2022年4月20日, never 2022年04月20日.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** '2022-04-20' → '2022年4月20日'. */
export function chineseDate(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`not a date YYYY-MM-DD: ${isoDate}`);
  return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日`;
}

const CHINA_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as read in China: '2022年5月10日 09:05'. */
export function chineseDateTime(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a time: ${String(at)}`);
  const part = Object.fromEntries(CHINA_TIME.formatToParts(date).map((p) => [p.type, p.value]));
  return `${chineseDate(`${part.year}-${part.month}-${part.day}`)} ${part.hour}:${part.minute}`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十, 99 → 九十九: numbering of 一、 / （一） headings (1–99). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`expected 1–99, got ${n}`);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${units ? DIGITS[units] : ''}`;
}
