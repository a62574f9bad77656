import { useI18n } from 'vue-i18n';
import { useRulesDraftStore } from './rules-draft-store';
import { parsePath, valueAt } from './rules-paths';

type Params = Record<string, string>;

/** Messages of libs/domain's rules validation (English) → keys of `rules.problem` in the locales. */
const EXACT: Record<string, string> = {
  'must not be empty': 'notEmpty',
  required: 'required',
  'must be UPPER_SNAKE_CASE': 'code',
  'must be a phone number (digits and dashes)': 'phone',
  'must be a date YYYY-MM-DD': 'date',
  'must be an integer': 'integer',
  'unknown field': 'unknownField',
  'must list at least one category': 'oneCategory',
  'must list at least one channel': 'oneChannel',
  'must list at least one report form': 'oneReportForm',
  'must list at least one department': 'oneDepartment',
  'must list at least one PARK department': 'oneParkDepartment',
  'must list at least the fallback route': 'fallbackRequired',
  'a fallback route (empty condition) is required': 'fallbackRequired',
  'must list at least one grade': 'oneGrade',
  'must list at least two levels': 'twoLevels',
  'only applies to a route that sends a referral letter': 'ccOnlyWithLetter',
  'must be true for DISTRICT jurisdiction': 'districtNeedsLetter',
  'no DISTRICT department is listed': 'noDistrictDepartment',
  'must not exceed departmentCountMax': 'minAboveMax',
  'unbalanced brace': 'unbalancedBrace',
  'must contain {seq}': 'needsSeq',
  'must contain {seq} only once': 'seqOnce',
  'must contain {year} at most once': 'yearOnce',
  'placeholders must be separated by text': 'adjacentPlaceholders',
  'a yearly reset requires {year}': 'yearlyNeedsYear',
  'must not exceed the NORMAL amount': 'urgentLonger',
  'at least one grade must close the case': 'gradeClosing',
  'must be true for a grade that does not close the case': 'openGradeReview',
  'at least one level must count as satisfied': 'levelSatisfied',
  'at least one level must count as unsatisfied': 'levelUnsatisfied',
  'must not be in the past': 'notInPast',
  'must be an http(s) URL': 'httpUrl',
  'must name an environment variable QIFU_WEBHOOK_SECRET_…': 'secretRef',
  'required with the other English field (give both or neither)': 'englishPair',
  'required with mode PERCENT': 'percentRequired',
  'required with mode EVERY_NTH': 'everyNthRequired',
  'only applies to mode PERCENT': 'percentOnly',
  'only applies to mode EVERY_NTH': 'everyNthOnly',
  'must be at least 2 (1 is every case: mode ALL)': 'everyNthAtLeast2',
  'must be ALL when steps.followUp is ABSENT (no case is followed up)': 'sampleWithoutFollowUp',
  'FLAG_FOR_VERIFICATION needs a verification step (steps.verification is ABSENT)': 'flagWithoutVerification',
  'a DISTRICT matter has no lead department': 'districtNoLead',
  'must name at least one recorder': 'oneRecorder',
  'must not name a recorder twice': 'recorderTwice',
  "the lead tier's clock is deadlines.departmentReply": 'leadTierClock',
  'a COOPERATING tier has no clock': 'cooperatingNoClock',
  'only SPLIT and ASSISTING tiers report to someone': 'reportsOnlyWhenReporting',
  'must list at least the lead tier': 'atLeastLeadTier',
};

const PATTERNS: [RegExp, string, (m: RegExpMatchArray) => Params][] = [
  [/^must be at least (\d+)$/, 'atLeast', (m) => ({ n: m[1] })],
  [/^must be at most (\d+)$/, 'atMost', (m) => ({ n: m[1] })],
  [/^must have at least (\d+) items$/, 'atLeastItems', (m) => ({ n: m[1] })],
  [/^must be one of: (.+)$/, 'oneOf', (m) => ({ values: m[1] })],
  [/^duplicate \w+ "(.*)" \(also at (.+)\)$/, 'duplicate', (m) => ({ value: m[1], other: m[2] })],
  [/^unknown category "(.*)"$/, 'unknownCategory', (m) => ({ code: m[1] })],
  [/^unknown cc office "(.*)"$/, 'unknownCcOffice', (m) => ({ code: m[1] })],
  [/^unknown placeholder (\{.*\})$/, 'unknownPlaceholder', (m) => ({ name: m[1] })],
  [/^unknown role (.+)$/, 'unknownRole', (m) => ({ role: m[1] })],
  [/^unreachable: after the fallback route (.+)$/, 'unreachable', (m) => ({ other: m[1] })],
  [/^same format as (.+)$/, 'sameFormat', (m) => ({ other: m[1] })],
  [/^also a closure at (.+)$/, 'alsoClosure', (m) => ({ other: m[1] })],
  [/^must not be before version (\d+) \((.+)\)$/, 'beforeVersion', (m) => ({ version: m[1], date: m[2] })],
  [/^must have exactly one tier of role LEAD \(has (\d+)\)$/, 'oneLeadTier', (m) => ({ n: m[1] })],
  [/^a (SPLIT|ASSISTING) tier needs its clock/, 'tierNeedsClock', () => ({})],
  [/^must be this park's secret: (\S+) or /, 'ownSecret', (m) => ({ name: m[1] })],
  [/^must not point at a name of the local network \((.+)\)/, 'localName', (m) => ({ host: m[1] })],
  [/^must not point at .* \(([^()]+)\)$/, 'innerAddress', (m) => ({ address: m[1] })],
];

// Params that are paths are shown as the user reads them.
const PATH_PARAMS = new Set(['other']);

const LABEL_FIELDS = ['labelZh', 'name', 'code', 'event', 'date'] as const;
const LABEL_FIELDS_EN = ['labelEn', 'nameEn', 'name', 'code', 'event', 'date'] as const;

/** Texts of the rules editor that depend on the locale: paths, problems, changed values. */
export function useRulesText() {
  const { t, te, locale } = useI18n();
  const store = useRulesDraftStore();
  const isZh = (): boolean => locale.value.startsWith('zh');

  function itemLabel(item: unknown): string | null {
    if (!item || typeof item !== 'object') return null;
    const record = item as Record<string, unknown>;
    const field = (isZh() ? LABEL_FIELDS : LABEL_FIELDS_EN).find((f) => typeof record[f] === 'string');
    return field ? (record[field] as string) : null;
  }

  /** `categories[3].labelZh` → 问题类别 › 第4项（融资服务） › 中文名称. */
  function describePath(path: string): string {
    if (!path) return t('rules.paths.whole');
    const parts: string[] = [];
    let walked = '';
    for (const segment of parsePath(path)) {
      if (typeof segment === 'number') {
        walked += `[${segment}]`;
        const label = itemLabel(valueAt(store.draft, walked));
        parts.push(
          label
            ? t('rules.paths.itemNamed', { n: segment + 1, name: label })
            : t('rules.paths.item', { n: segment + 1 }),
        );
      } else if (typeof segment === 'object') {
        walked += `[${segment.key}=${segment.value}]`;
        const label = itemLabel(valueAt(store.draft, walked));
        parts.push(label && label !== segment.value ? `${segment.value}（${label}）` : segment.value);
      } else {
        walked += walked ? `.${segment}` : segment;
        // `templates` alone are the document templates; under `notifications`, the wording.
        const key = walked === 'notifications.templates' ? 'notificationTemplates' : segment;
        parts.push(te(`rules.paths.${key}`) ? t(`rules.paths.${key}`) : segment);
      }
    }
    return parts.join(' › ');
  }

  /** A validation message in the current language (the API states them in English). */
  function problemText(message: string): string {
    // Some API messages carry both languages: "中文 / English".
    const bilingual = /^(.*[\u4e00-\u9fff].*?) \/ (.+)$/.exec(message);
    if (bilingual) return isZh() ? bilingual[1] : bilingual[2];
    if (!isZh()) return message;
    const exact = EXACT[message];
    if (exact) return t(`rules.problem.${exact}`);
    for (const [pattern, key, params] of PATTERNS) {
      const match = pattern.exec(message);
      if (!match) continue;
      const values = params(match);
      for (const name of Object.keys(values)) {
        if (PATH_PARAMS.has(name)) values[name] = describePath(values[name]);
      }
      return t(`rules.problem.${key}`, values);
    }
    return message;
  }

  /** A value before or after a change, in one line. */
  function describeValue(value: unknown): string {
    if (value === undefined || value === null) return '—';
    if (typeof value === 'boolean') return t(value ? 'rules.common.yes' : 'rules.common.no');
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    if (Array.isArray(value)) {
      return value.length === 0 ? '—' : value.map((v) => describeValue(v)).join(t('common.listSeparator'));
    }
    const label = itemLabel(value);
    const code = (value as Record<string, unknown>).code;
    if (label) return typeof code === 'string' && code !== label ? `${code} ${label}` : label;
    return JSON.stringify(value);
  }

  return { describePath, problemText, describeValue };
}
