import { describe, expect, it } from '@jest/globals';
import { decodeCursor, encodeCursor } from '../cursors.js';
import { isCalendarDate, isIsoDateTime, textProblem } from '../input-values.js';

describe('input values', () => {
  it('knows real calendar dates', () => {
    for (const date of ['2024-02-29', '0001-01-01', '9999-12-31', '2026-10-01'])
      expect(isCalendarDate(date)).toBe(true);
    for (const date of [
      '2026-02-29',
      '2026-02-30',
      '0000-01-01',
      '2026-13-01',
      '2026-00-10',
      '2026-1-1',
      '20260101',
      '',
    ])
      expect(isCalendarDate(date)).toBe(false);
  });

  it('knows ISO dates and times with their offset', () => {
    for (const value of [
      '2026-03-05T01:30:00.000Z',
      '2026-03-05T09:30:00+08:00',
      '2026-03-05T09:30Z',
      '2026-03-05T09:30:00.123456Z',
    ])
      expect(isIsoDateTime(value)).toBe(true);
    for (const value of [
      '2026-03-05',
      '2026-03-05T09:30:00',
      '2026-02-30T00:00:00Z',
      '2026-03-05T24:00:00Z',
      '0000-01-01T00:00:00Z',
      'Mon 99999',
    ])
      expect(isIsoDateTime(value)).toBe(false);
  });

  it('refuses control characters, and line breaks outside multi-line text', () => {
    expect(textProblem('正阳 Park 1', false)).toBeNull();
    expect(textProblem('第一行\r\n\t第二行', true)).toBeNull();
    expect(textProblem('a\nb', false)).toMatch(/U\+000A at 1/);
    expect(textProblem('a\u0000', true)).toMatch(/U\+0000 at 1/);
    expect(textProblem('\u007f', true)).toMatch(/U\+007F/);
    expect(textProblem('\u0085', true)).toMatch(/U\+0085/);
    expect(textProblem('😀', false)).toBeNull();
    expect(textProblem('a\ud83d', false)).toMatch(/surrogate at 1/);
    expect(textProblem('\ude00b', false)).toMatch(/surrogate at 0/);
  });

  it('decodes only the cursors it encodes, each value as its part says', () => {
    expect(decodeCursor(encodeCursor([2026, 12]), ['int', 'int'])).toEqual([2026, 12]);
    const id = '00000000-0000-4000-8000-000000000000';
    expect(decodeCursor(encodeCursor(['2026-01-05', id]), ['date', 'uuid'])).toEqual(['2026-01-05', id]);
    for (const cursor of [
      '!!!',
      encodeCursor([2026]),
      encodeCursor([2026, 1.5]),
      encodeCursor([2026, 2 ** 40]),
      encodeCursor(['2026', 1]),
      encodeCursor(['2026-02-30', id]),
    ])
      expect(() => decodeCursor(cursor, ['int', 'int'])).toThrow(/not a cursor/);
  });
});
