import type { ParkRules } from './park-rules.schema.js';

export type ParkRulesChangeKind = 'ADDED' | 'REMOVED' | 'CHANGED' | 'REORDERED';

export interface ParkRulesChange {
  /**
   * Where the change is. List items with an identity are addressed by it, e.g.
   * `categories[code=FINANCING].labelZh` or `calendar.closures[date=2026-10-09]`, so inserting an
   * item does not show every later item as changed.
   */
  path: string;
  kind: ParkRulesChangeKind;
  before: unknown;
  after: unknown;
}

// Fields that identify a list item, tried in this order.
const IDENTITY_KEYS = ['code', 'date', 'event'] as const;

/**
 * Structural diff of two versions of a park's rules, for the version history in the console.
 * REORDERED is reported on a list whose items kept their identities but changed order (it
 * matters for approval routes: the first match wins); before/after then list the identities.
 */
export function diffParkRules(before: ParkRules, after: ParkRules): ParkRulesChange[] {
  const changes: ParkRulesChange[] = [];
  diffValue(before, after, '', changes);
  return changes;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

function diffValue(before: unknown, after: unknown, path: string, out: ParkRulesChange[]): void {
  if (deepEqual(before, after)) return;
  if (before === undefined) {
    out.push({ path, kind: 'ADDED', before, after });
  } else if (after === undefined) {
    out.push({ path, kind: 'REMOVED', before, after });
  } else if (Array.isArray(before) && Array.isArray(after)) {
    diffArray(before, after, path, out);
  } else if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) diffValue(before[key], after[key], join(path, key), out);
  } else {
    out.push({ path, kind: 'CHANGED', before, after });
  }
}

function diffArray(before: unknown[], after: unknown[], path: string, out: ParkRulesChange[]): void {
  const key = identityKey(before, after);
  if (key) {
    const ids = (items: unknown[]): string[] => items.map((item) => (item as Obj)[key] as string);
    const beforeIds = ids(before);
    const afterIds = ids(after);
    const at = (id: string): string => `${path}[${key}=${id}]`;
    before.forEach((item, i) => {
      if (!afterIds.includes(beforeIds[i]))
        out.push({ path: at(beforeIds[i]), kind: 'REMOVED', before: item, after: undefined });
    });
    after.forEach((item, i) => {
      const j = beforeIds.indexOf(afterIds[i]);
      if (j < 0) out.push({ path: at(afterIds[i]), kind: 'ADDED', before: undefined, after: item });
      else diffValue(before[j], item, at(afterIds[i]), out);
    });
    const kept = (ids: string[], other: string[]): string[] => ids.filter((id) => other.includes(id));
    if (!deepEqual(kept(beforeIds, afterIds), kept(afterIds, beforeIds))) {
      out.push({ path, kind: 'REORDERED', before: beforeIds, after: afterIds });
    }
    return;
  }
  if ([...before, ...after].every((v) => !isObj(v) && !Array.isArray(v))) {
    // Lists of plain values (category codes of a route…) read best as a whole.
    out.push({ path, kind: 'CHANGED', before, after });
    return;
  }
  for (let i = 0; i < Math.max(before.length, after.length); i++)
    diffValue(before[i], after[i], `${path}[${i}]`, out);
}

function identityKey(before: unknown[], after: unknown[]): string | undefined {
  return IDENTITY_KEYS.find((key) =>
    [before, after].every((items) => {
      const values = items.map((item) => (isObj(item) ? item[key] : undefined));
      return values.every((v) => typeof v === 'string') && new Set(values).size === values.length;
    }),
  );
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}
