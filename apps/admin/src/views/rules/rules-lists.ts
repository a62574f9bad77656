import { toRaw } from 'vue';
import {
  CC_OCCASIONS,
  CC_WHEN,
  DEPARTMENT_KINDS,
  SUPERVISION_ACTIONS,
  SUPERVISION_EVENTS,
} from '@qifu/domain';
import type { RulesItem, RulesListKey } from './rules-draft-store';

/**
 * The simple lists of a park's rules (libs/domain park-rules.schema.ts) as editable tables; the
 * options of their selects are the schema's own value lists.
 */
export type ListColumnKind =
  'code' | 'text' | 'optionalText' | 'switch' | 'select' | 'multiSelect' | 'codeOf';

export interface ListColumn {
  field: string;
  kind: ListColumnKind;
  /** For `select` and `multiSelect`: the values; their labels are `rules.options.<field>.<value>`. */
  options?: readonly string[];
  /** For `codeOf`: the list of the rules whose codes the field may name (optional: clearable). */
  of?: RulesListKey;
  /** Relative width of the column. */
  width?: 'narrow' | 'normal' | 'wide';
}

export interface ListDefinition {
  key: RulesListKey;
  /** Prefix of the data-test attributes: `<prefix>-row-<index>`, `<prefix>-<field>-<index>`. */
  testPrefix: string;
  /** The field that identifies an item: editable only while the item is new. */
  identity: string;
  columns: ListColumn[];
  /** A new item for the list as it stands. */
  create: (list: readonly RulesItem[]) => RulesItem;
}

const code: ListColumn = { field: 'code', kind: 'code' };
const labelZh: ListColumn = { field: 'labelZh', kind: 'text', width: 'wide' };
const labelEn: ListColumn = { field: 'labelEn', kind: 'text', width: 'wide' };
const active: ListColumn = { field: 'active', kind: 'switch', width: 'narrow' };

/**
 * A list of coded items named in both languages (code, 中文名称, English name), with `more`
 * columns after those and `defaults` for the rest of a new item.
 */
function labelledList(
  key: RulesListKey,
  testPrefix: string,
  more: ListColumn[] = [],
  defaults: RulesItem = {},
  codeColumn: ListColumn = code,
): ListDefinition {
  return {
    key,
    testPrefix,
    identity: 'code',
    columns: [codeColumn, labelZh, labelEn, ...more],
    create: () => ({ code: '', labelZh: '', labelEn: '', ...defaults }),
  };
}

/** A list of coded bodies with a Chinese name and an optional English one, then `more` columns. */
function namedList(
  key: RulesListKey,
  testPrefix: string,
  more: ListColumn[],
  defaults: RulesItem,
): ListDefinition {
  return {
    key,
    testPrefix,
    identity: 'code',
    columns: [
      code,
      { field: 'name', kind: 'text', width: 'wide' },
      { field: 'nameEn', kind: 'optionalText', width: 'wide' },
      ...more,
    ],
    create: () => ({ code: '', name: '', ...defaults }),
  };
}

export const LIST_DEFINITIONS: Record<Exclude<RulesListKey, 'approvalRoutes'>, ListDefinition> = {
  categories: labelledList('categories', 'category', [active], { active: true }),
  intakeChannels: labelledList(
    'intakeChannels',
    'channel',
    [
      { field: 'phone', kind: 'optionalText' },
      { field: 'reportFormCode', kind: 'codeOf', of: 'reportForms' },
      active,
    ],
    { active: true },
  ),
  reportForms: labelledList('reportForms', 'report-form', [active], { active: true }),
  inadmissibleMatters: labelledList('inadmissibleMatters', 'inadmissible'),
  departments: namedList(
    'departments',
    'department',
    [{ field: 'kind', kind: 'select', options: DEPARTMENT_KINDS }, active],
    { kind: 'PARK', active: true },
  ),
  ccOffices: namedList(
    'ccOffices',
    'cc-office',
    [
      { field: 'when', kind: 'select', options: CC_WHEN },
      { field: 'copiedOn', kind: 'multiSelect', options: CC_OCCASIONS, width: 'wide' },
    ],
    { when: 'ALWAYS', copiedOn: ['REFERRAL_LETTER'] },
  ),
  grades: labelledList(
    'grades',
    'grade',
    [
      { field: 'closesCase', kind: 'switch', width: 'narrow' },
      { field: 'requiresReason', kind: 'switch', width: 'narrow' },
      { field: 'reviewRequired', kind: 'switch', width: 'narrow' },
    ],
    { closesCase: true, requiresReason: false, reviewRequired: false },
    { ...code, width: 'narrow' },
  ),
  satisfactionScale: labelledList(
    'satisfactionScale',
    'satisfaction',
    [{ field: 'countsAsSatisfied', kind: 'switch', width: 'narrow' }],
    { countsAsSatisfied: true },
  ),
  supervisionTriggers: {
    key: 'supervisionTriggers',
    testPrefix: 'trigger',
    identity: 'event',
    columns: [
      { field: 'event', kind: 'select', options: SUPERVISION_EVENTS, width: 'wide' },
      { field: 'action', kind: 'select', options: SUPERVISION_ACTIONS, width: 'wide' },
      { field: 'reopensCase', kind: 'switch', width: 'narrow' },
    ],
    create: (list) => ({
      event: SUPERVISION_EVENTS.find((event) => !list.some((item) => item.event === event)) ?? 'OVERDUE',
      action: 'SPECIAL_SUPERVISION',
      reopensCase: true,
    }),
  },
  caseFlags: labelledList('caseFlags', 'case-flag'),
};

/** `labelZh` → `label-zh`, for data-test attributes. */
export function kebab(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** A code typed by hand, as the schema wants it: upper case, digits and underscores. */
export function normaliseCode(value: string): string {
  return value.toUpperCase().replace(/[\s-]+/g, '_');
}

const itemKeys = new WeakMap<object, number>();
let lastItemKey = 0;

/** A stable key for a list item while it is edited (codes of new items change as they are typed). */
export function itemKey(item: object): number {
  const raw = toRaw(item);
  let key = itemKeys.get(raw);
  if (key === undefined) {
    key = ++lastItemKey;
    itemKeys.set(raw, key);
  }
  return key;
}
