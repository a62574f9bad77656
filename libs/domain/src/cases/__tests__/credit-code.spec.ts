import fc from 'fast-check';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, validateCreditCode } from '../credit-code.js';

/** A real-format code: authority and type, six-digit division, nine-character organisation code, check. */
const withCheck = (first17: string): string => first17 + creditCodeCheckChar(first17);

describe('validateCreditCode (GB 32100-2015)', () => {
  it('accepts the standard example and codes with a computed check character', () => {
    // The example code of the standard's explanatory material.
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ ok: true });
    // An enterprise (9, 1) in Qianjiang district (500114) and a public institution (1, 2) in Chongqing.
    const enterprise = withCheck('91500114MA5U8K2X7');
    const institution = withCheck('12500000450391284');
    expect(enterprise).toHaveLength(18);
    expect(validateCreditCode(enterprise)).toEqual({ ok: true });
    expect(validateCreditCode(institution)).toEqual({ ok: true });
  });

  it('computes the check character from weights 3^i mod 31, 31 mapping to 0', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    // Seventeen zeros weigh nothing: (31 - 0) mod 31 = 0.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
    // One unit in the last position weighs 28: 31 - 28 = 3.
    expect(creditCodeCheckChar('00000000000000001')).toBe('3');
    // 'Y' (30) in the first position weighs 30: 31 - 30 = 1.
    expect(creditCodeCheckChar('Y0000000000000000')).toBe('1');
  });

  it.each([
    ['', 'must be 18 characters'],
    ['91350100M000100Y4', 'must be 18 characters'],
    ['91350100M000100Y433', 'must be 18 characters'],
    ['91350100m000100y43', 'may only contain'],
    ['91350100I000100Y43', 'may only contain'],
    ['91350100O000100Y43', 'may only contain'],
    ['91350100S000100Y43', 'may only contain'],
    ['91350100V000100Y43', 'may only contain'],
    ['91350100Z000100Y43', 'may only contain'],
    ['9135 100M000100Y43', 'may only contain'],
    ['91A50100M000100Y43', 'characters 3 to 8'],
    ['91350100M000100Y44', 'check character'],
    ['91350100M000010Y43', 'check character'],
  ])('rejects %j (%s)', (code, message) => {
    const result = validateCreditCode(code);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(message);
      expect(result.messageZh).not.toBe('');
    }
  });

  const charOf = fc.integer({ min: 0, max: 30 }).map((i) => CREDIT_CODE_CHARSET[i]);
  const digit = fc.integer({ min: 0, max: 9 }).map(String);
  const first17 = fc
    .tuple(
      fc.array(charOf, { minLength: 2, maxLength: 2 }),
      fc.array(digit, { minLength: 6, maxLength: 6 }),
      fc.array(charOf, { minLength: 9, maxLength: 9 }),
    )
    .map(([head, division, org]) => [...head, ...division, ...org].join(''));

  it('accepts every code whose check character is computed, and catches any single changed character', () => {
    fc.assert(
      fc.property(
        first17,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (body, position, shift) => {
          const code = withCheck(body);
          expect(validateCreditCode(code)).toEqual({ ok: true });
          // Weights are non-zero mod the prime 31, so any one substitution changes the sum.
          const changed = CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(code[position]) + shift) % 31];
          const typo = code.slice(0, position) + changed + code.slice(position + 1);
          expect(validateCreditCode(typo).ok).toBe(false);
        },
      ),
    );
  });
});
