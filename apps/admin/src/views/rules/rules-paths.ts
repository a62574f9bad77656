/**
 * Paths into a park's rules as libs/domain writes them: `approvalRoutes[2].condition.jurisdiction`
 * for validation problems, `categories[code=FINANCING].labelZh` for changes between versions.
 */
export type PathSegment = string | number | { key: string; value: string };

const SEGMENT = /([^.[\]]+)|\[(\d+)\]|\[([A-Za-z]+)=([^\]]*)\]|\["((?:[^"\\]|\\.)*)"\]/g;

export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const m of path.matchAll(SEGMENT)) {
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[3] !== undefined) segments.push({ key: m[3], value: m[4] });
    else segments.push(m[5].replace(/\\(.)/g, '$1'));
  }
  return segments;
}

/** The path without its last segment; '' for a top-level key (and for ''). */
export function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut <= 0 ? '' : path.slice(0, cut);
}

/** The path itself, then each ancestor, ending with the top-level key. */
export function pathAndAncestors(path: string): string[] {
  const out: string[] = [];
  for (let p = path; p; p = parentPath(p)) out.push(p);
  return out;
}

/** Strips the `rules.` prefix the publish mutation gives its field errors; null for other fields. */
export function rulesPathOfInputField(path: string): string | null {
  if (path === 'rules') return '';
  if (path.startsWith('rules.')) return path.slice('rules.'.length);
  if (path.startsWith('rules[')) return path.slice('rules'.length);
  return null;
}

/** The editor tab that shows a path (by its first segment); null when no tab shows it. */
export const RULES_SECTIONS = [
  'categories',
  'intake',
  'departments',
  'numbering',
  'routes',
  'deadlines',
  'calendar',
  'outcomes',
  'procedure',
  'contacts',
  'notifications',
  'history',
] as const;
export type RulesSection = (typeof RULES_SECTIONS)[number];

const SECTION_OF_KEY: Record<string, RulesSection> = {
  categories: 'categories',
  intakeChannels: 'intake',
  reportForms: 'intake',
  inadmissibleMatters: 'intake',
  departments: 'departments',
  ccOffices: 'departments',
  overdueHandover: 'departments',
  numbering: 'numbering',
  approvalRoutes: 'routes',
  deadlines: 'deadlines',
  extensions: 'deadlines',
  objections: 'deadlines',
  assignmentTiers: 'deadlines',
  calendar: 'calendar',
  grades: 'outcomes',
  satisfactionScale: 'outcomes',
  supervisionTriggers: 'outcomes',
  contacts: 'contacts',
  letters: 'contacts',
  templates: 'contacts',
  notifications: 'notifications',
  caseFlags: 'routes',
  steps: 'procedure',
  followUp: 'procedure',
  admissibility: 'procedure',
};

export function sectionOfPath(path: string): RulesSection | null {
  const first = parsePath(path)[0];
  return typeof first === 'string' ? (SECTION_OF_KEY[first] ?? null) : null;
}

/** The value at a (domain form) path, or undefined when any step is missing. */
export function valueAt(root: unknown, path: string): unknown {
  let value: unknown = root;
  for (const segment of parsePath(path)) {
    if (value === null || typeof value !== 'object') return undefined;
    if (typeof segment === 'object') {
      value = Array.isArray(value)
        ? value.find((item) => String((item as Record<string, unknown>)?.[segment.key]) === segment.value)
        : undefined;
    } else {
      value = (value as Record<string | number, unknown>)[segment];
    }
  }
  return value;
}
