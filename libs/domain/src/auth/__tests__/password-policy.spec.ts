import { describe, expect, it } from '@jest/globals';
import { passwordProblems, passwordRuleResults } from '../roles.js';

describe('password policy', () => {
  it('says rule by rule what a password meets, and what is wrong with it', () => {
    expect(passwordRuleResults('')).toEqual([
      { code: 'MIN_LENGTH', met: false },
      { code: 'CHARACTER_CLASSES', met: false },
    ]);
    expect(passwordRuleResults('zhengyang2022')).toEqual([
      { code: 'MIN_LENGTH', met: true },
      { code: 'CHARACTER_CLASSES', met: false },
    ]);
    expect(passwordRuleResults('Zy@2022')).toEqual([
      { code: 'MIN_LENGTH', met: false },
      { code: 'CHARACTER_CLASSES', met: true },
    ]);
    expect(passwordProblems('zhengyang2022')).toEqual([
      'must mix at least three of: lower case, upper case, digits, symbols',
    ]);
    expect(passwordProblems('Zhengyang@2022')).toEqual([]);
    expect(passwordRuleResults('Zhengyang@2022').every((rule) => rule.met)).toBe(true);
  });
});
