import { InvalidArgumentError, NumberFormatError } from '../rules/errors.js';

/**
 * Document numbers such as 企业困难问题〔2022〕第12号 come from a park's numbering format:
 * literal text with the placeholders `{year}` (four digits) and `{seq}` (the sequence; `{seq:3}`
 * pads it with zeros to three digits).
 *
 * Yearly reset: with `reset: YEARLY` the sequence starts again at 1 on 1 January, so a number is
 * identified by (park, document kind, year, seq) and the format must contain `{year}`. The counter
 * itself lives in the database (one row per park, kind and scope, incremented in the transaction
 * that issues the number, so numbers have no gaps); this module only formats and parses.
 */
export const NUMBERING_RESETS = ['YEARLY', 'NEVER'] as const;
export type NumberingReset = (typeof NUMBERING_RESETS)[number];

export interface NumberParts {
  year: number;
  seq: number;
}

export type NumberFormatToken =
  { kind: 'TEXT'; text: string } | { kind: 'YEAR' } | { kind: 'SEQ'; pad: number };

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Splits a format into tokens and lists what is wrong with it (empty list: valid). */
export function tokenizeNumberFormat(format: string): { tokens: NumberFormatToken[]; problems: string[] } {
  const tokens: NumberFormatToken[] = [];
  const problems: string[] = [];
  let last = 0;
  let years = 0;
  let seqs = 0;
  const pushText = (text: string): void => {
    if (text.includes('{') || text.includes('}')) problems.push('unbalanced brace');
    if (text) tokens.push({ kind: 'TEXT', text });
  };
  for (const m of format.matchAll(PLACEHOLDER)) {
    pushText(format.slice(last, m.index));
    last = m.index + m[0].length;
    const name = m[1];
    const seq = /^seq(?::([1-9]))?$/.exec(name);
    if (name === 'year') {
      years++;
      tokens.push({ kind: 'YEAR' });
    } else if (seq) {
      seqs++;
      tokens.push({ kind: 'SEQ', pad: seq[1] ? Number(seq[1]) : 0 });
    } else {
      problems.push(`unknown placeholder {${name}}`);
    }
  }
  pushText(format.slice(last));
  if (seqs === 0) problems.push('must contain {seq}');
  if (seqs > 1) problems.push('must contain {seq} only once');
  if (years > 1) problems.push('must contain {year} at most once');
  // Two adjacent placeholders could not be told apart when parsing (e.g. {seq}{year} with padding).
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i].kind !== 'TEXT' && tokens[i - 1].kind !== 'TEXT') {
      problems.push('placeholders must be separated by text');
      break;
    }
  }
  return { tokens, problems: [...new Set(problems)] };
}

/** Problems of a format with its reset rule: a yearly reset without {year} would repeat numbers. */
export function numberFormatProblems(format: string, reset: NumberingReset = 'YEARLY'): string[] {
  const { tokens, problems } = tokenizeNumberFormat(format);
  if (reset === 'YEARLY' && !tokens.some((t) => t.kind === 'YEAR')) {
    problems.push('a yearly reset requires {year}');
  }
  return problems;
}

function validTokens(format: string): NumberFormatToken[] {
  const { tokens, problems } = tokenizeNumberFormat(format);
  if (problems.length > 0) throw new NumberFormatError(format, problems);
  return tokens;
}

export function formatNumber(format: string, parts: NumberParts): string {
  const tokens = validTokens(format);
  if (!Number.isInteger(parts.year) || parts.year < 1000 || parts.year > 9999) {
    throw new InvalidArgumentError('year', 'must be a four-digit year');
  }
  if (!Number.isSafeInteger(parts.seq) || parts.seq < 1) {
    throw new InvalidArgumentError('seq', 'must be an integer of at least 1');
  }
  return tokens
    .map((t) => {
      if (t.kind === 'TEXT') return t.text;
      if (t.kind === 'YEAR') return String(parts.year);
      return String(parts.seq).padStart(t.pad, '0');
    })
    .join('');
}

/**
 * A format with its year filled in and the sequence left open: text as strings, the sequence as
 * `{ pad }`. For writers that number inside the database (where the counter is), so that the
 * number is formatted exactly as formatNumber would.
 */
export function numberTemplate(format: string, year: number): (string | { pad: number })[] {
  formatNumber(format, { year, seq: 1 }); // refuses an invalid format or year
  return validTokens(format).map((t) =>
    t.kind === 'TEXT' ? t.text : t.kind === 'YEAR' ? String(year) : { pad: t.pad },
  );
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Inverse of formatNumber: the parts of a number written in `format`, or null if the text is not
 * such a number. Surrounding spaces are ignored; otherwise only the canonical spelling matches
 * (no stray leading zeros), so formatting the parts gives the trimmed text back.
 * `year` is absent when the format has no {year}.
 */
export function parseNumber(format: string, text: string): { year?: number; seq: number } | null {
  const tokens = validTokens(format);
  const source = tokens
    .map((t) => {
      if (t.kind === 'TEXT') return escapeRegExp(t.text);
      if (t.kind === 'YEAR') return '(?<year>\\d{4})';
      return t.pad > 0 ? `(?<seq>\\d{${t.pad}}|[1-9]\\d{${t.pad},})` : '(?<seq>[1-9]\\d*)';
    })
    .join('');
  const match = new RegExp(`^${source}$`, 'u').exec(text.trim());
  if (!match?.groups) return null;
  const seq = Number(match.groups.seq);
  if (!Number.isSafeInteger(seq) || seq < 1) return null;
  return match.groups.year === undefined ? { seq } : { year: Number(match.groups.year), seq };
}

/**
 * The key of the database counter a number is drawn from: the year for a yearly reset, 'ALL'
 * for a sequence that never resets.
 */
export function numberingCounterScope(reset: NumberingReset, year: number): string {
  return reset === 'YEARLY' ? String(year) : 'ALL';
}
