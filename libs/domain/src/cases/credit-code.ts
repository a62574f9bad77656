/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-character
 * set (no I, O, S, V, Z), positions 3–8 the administrative division code, the last one a check
 * character over the first 17 with weights 3^i mod 31.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CHARSET_RE = /^[0-9A-HJ-NP-RTUW-Y]*$/;

export type CreditCodeCheck = { ok: true } | { ok: false; message: string; messageZh: string };

/** The check character for the first 17 characters (which must be in the charset). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) throw new RangeError(`not a credit code character at position ${i + 1}`);
    sum += value * WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

export function validateCreditCode(code: string): CreditCodeCheck {
  const fail = (message: string, messageZh: string): CreditCodeCheck => ({ ok: false, message, messageZh });
  if (typeof code !== 'string' || code.length !== 18) {
    return fail('must be 18 characters', '应为18位');
  }
  if (!CHARSET_RE.test(code)) {
    return fail(
      'may only contain digits and the capital letters A-H, J-N, P-R, T, U, W-Y',
      '只能包含数字和大写字母（不使用I、O、S、V、Z）',
    );
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return fail(
      'characters 3 to 8 must be digits (the administrative division code)',
      '第3至8位应为数字（登记管理机关行政区划码）',
    );
  }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) {
    return fail(
      'the check character does not match: a character is probably mistyped',
      '校验码不符，请核对是否录入有误',
    );
  }
  return { ok: true };
}
