import { chineseDate, chineseDateTime, chineseNumeral } from '../format/chinese-date.js';

describe('dates and numerals as documents print them', () => {
  it('writes dates without leading zeros', () => {
    expect(chineseDate('2022-04-20')).toBe('2022年4月20日');
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(() => chineseDate('2022/04/20')).toThrow(RangeError);
  });

  it('reads instants in China time', () => {
    expect(chineseDateTime('2022-05-10T01:05:00Z')).toBe('2022年5月10日 09:05');
    expect(chineseDateTime(new Date('2022-12-31T16:30:00Z'))).toBe('2023年1月1日 00:30');
    expect(() => chineseDateTime('not a time')).toThrow(RangeError);
  });

  it('writes heading numerals', () => {
    expect([1, 9, 10, 11, 20, 21, 99].map(chineseNumeral)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '二十',
      '二十一',
      '九十九',
    ]);
    expect(() => chineseNumeral(0)).toThrow(RangeError);
  });
});
