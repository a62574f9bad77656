/** The parks are in China: "today" for deadlines and effective dates is Beijing time. */
export const PARK_TIME_ZONE = 'Asia/Shanghai';

const isoDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: PARK_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function isoDateInChina(at: Date = new Date()): string {
  return isoDateFormat.format(at);
}
