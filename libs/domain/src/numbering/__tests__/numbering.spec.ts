import fc from 'fast-check';
import { InvalidArgumentError, NumberFormatError } from '../../rules/errors.js';
import {
  formatNumber,
  numberFormatProblems,
  numberingCounterScope,
  numberTemplate,
  parseNumber,
  tokenizeNumberFormat,
} from '../numbering.js';

const REGISTRATION = '企业困难问题〔{year}〕第{seq}号';
const ASSIGNMENT = '正阳园区管委交〔{year}〕第{seq}号';

describe('numbering', () => {
  it('formats the rulebook numbers', () => {
    expect(formatNumber(REGISTRATION, { year: 2022, seq: 12 })).toBe('企业困难问题〔2022〕第12号');
    expect(formatNumber(ASSIGNMENT, { year: 2026, seq: 1 })).toBe('正阳园区管委交〔2026〕第1号');
    expect(formatNumber('武陵山园区交办〔{year}〕{seq:3}号', { year: 2026, seq: 7 })).toBe(
      '武陵山园区交办〔2026〕007号',
    );
    expect(formatNumber('武陵山园区交办〔{year}〕{seq:3}号', { year: 2026, seq: 1234 })).toBe(
      '武陵山园区交办〔2026〕1234号',
    );
  });

  it('parses numbers back, and only canonical ones', () => {
    expect(parseNumber(REGISTRATION, '企业困难问题〔2022〕第12号')).toEqual({ year: 2022, seq: 12 });
    expect(parseNumber(REGISTRATION, ' 企业困难问题〔2022〕第12号 ')).toEqual({ year: 2022, seq: 12 });
    expect(parseNumber(REGISTRATION, '企业困难问题〔2022〕第012号')).toBeNull();
    expect(parseNumber(REGISTRATION, '企业困难问题〔2022〕第0号')).toBeNull();
    expect(parseNumber(REGISTRATION, '正阳园区管委交〔2022〕第12号')).toBeNull();
    expect(parseNumber('武陵山园区交办〔{year}〕{seq:3}号', '武陵山园区交办〔2026〕007号')).toEqual({
      year: 2026,
      seq: 7,
    });
    expect(parseNumber('武陵山园区交办〔{year}〕{seq:3}号', '武陵山园区交办〔2026〕07号')).toBeNull();
    expect(parseNumber('NO-{seq}', 'NO-42')).toEqual({ seq: 42 });
    // Regular-expression characters in the literal text are literal.
    expect(parseNumber('A.(B)+{year}-{seq}', 'A.(B)+2026-3')).toEqual({ year: 2026, seq: 3 });
    expect(parseNumber('A.(B)+{year}-{seq}', 'AX(B)+2026-3')).toBeNull();
  });

  it('round-trips any sequence and year', () => {
    const formats = fc.constantFrom(
      REGISTRATION,
      ASSIGNMENT,
      '武陵山园区交办〔{year}〕{seq:3}号',
      '{year}-{seq:5}',
    );
    fc.assert(
      fc.property(
        formats,
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (format, year, seq) => {
          expect(parseNumber(format, formatNumber(format, { year, seq }))).toEqual({ year, seq });
        },
      ),
    );
  });

  it('validates placeholders', () => {
    expect(numberFormatProblems(REGISTRATION)).toEqual([]);
    expect(numberFormatProblems('企业困难问题〔{year}〕')).toEqual(['must contain {seq}']);
    expect(numberFormatProblems('{seq}-{seq}-{year}')).toEqual(['must contain {seq} only once']);
    expect(numberFormatProblems('{year}{year}-{seq}')).toEqual([
      'must contain {year} at most once',
      'placeholders must be separated by text',
    ]);
    expect(numberFormatProblems('{yr}-{seq}')).toEqual([
      'unknown placeholder {yr}',
      'a yearly reset requires {year}',
    ]);
    expect(numberFormatProblems('{seq} {', 'NEVER')).toEqual(['unbalanced brace']);
    expect(numberFormatProblems('第{seq}号', 'NEVER')).toEqual([]);
    expect(tokenizeNumberFormat('第{seq:4}号').tokens).toEqual([
      { kind: 'TEXT', text: '第' },
      { kind: 'SEQ', pad: 4 },
      { kind: 'TEXT', text: '号' },
    ]);
  });

  it('refuses invalid formats and parts with typed errors', () => {
    expect(() => formatNumber('第号', { year: 2026, seq: 1 })).toThrow(NumberFormatError);
    expect(() => parseNumber('{foo}{seq}', 'x1')).toThrow(NumberFormatError);
    expect(() => formatNumber(REGISTRATION, { year: 2026, seq: 0 })).toThrow(InvalidArgumentError);
    expect(() => formatNumber(REGISTRATION, { year: 26, seq: 1 })).toThrow(InvalidArgumentError);
    try {
      formatNumber('第号', { year: 2026, seq: 1 });
    } catch (error) {
      expect(error).toMatchObject({ code: 'NUMBER_FORMAT_INVALID', problems: ['must contain {seq}'] });
    }
  });

  it('keys the counter by year for a yearly reset', () => {
    expect(numberingCounterScope('YEARLY', 2026)).toBe('2026');
    expect(numberingCounterScope('NEVER', 2026)).toBe('ALL');
  });

  it('a template keeps the text and year and leaves the padded sequence open', () => {
    expect(numberTemplate('武陵山园区交办〔{year}〕{seq:3}号', 2026)).toEqual([
      '武陵山园区交办〔',
      '2026',
      '〕',
      { pad: 3 },
      '号',
    ]);
    expect(numberTemplate(REGISTRATION, 2026)).toEqual(['企业困难问题〔', '2026', '〕第', { pad: 0 }, '号']);
    expect(() => numberTemplate('第{seq}{seq}号', 2026)).toThrow(NumberFormatError);
    expect(() => numberTemplate(REGISTRATION, 26)).toThrow(InvalidArgumentError);
  });
});
