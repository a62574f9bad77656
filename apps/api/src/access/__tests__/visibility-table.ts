/**
 * Who sees which case, as a table: each actor × each read path × each kind of case. The acl spec
 * checks the definition (case-visibility.ts) and the CASL rules against it; the read-paths spec
 * checks every service of the API against it.
 *
 * S: shown (with its contacts); M: shown with contacts masked; -: not seen at all.
 */
export const ACTOR_KEYS = [
  'staff',
  'leader',
  'deputy',
  'admin',
  'head',
  'handler',
  'cadre',
  'district',
  'office',
  'platform',
] as const;
export type ActorKey = (typeof ACTOR_KEYS)[number];

/**
 * The cases: OWN led by the head's and handler's department; COOPERATING led by another with
 * theirs cooperating; OTHER another department's alone; FOLLOW_UP another department's that their
 * department (linked department) and the cadre (linked cadre) follow up; OFFICE another
 * department's, copied to the outside office.
 */
export const CASE_KEYS = ['OWN', 'COOPERATING', 'OTHER', 'FOLLOW_UP', 'OFFICE'] as const;
export type CaseKey = (typeof CASE_KEYS)[number];

/** Path groups of the table: `case` is every CASE_PATHS path (ledger, export, case, notices, files). */
export type PathGroup = 'case' | 'notifications' | 'drillDown' | 'officeCases';

type Cell = 'S' | 'M' | '-';
/** One row: the outcome for OWN, COOPERATING, OTHER, FOLLOW_UP, OFFICE, in that order. */
type Row = `${Cell}${Cell}${Cell}${Cell}${Cell}`;

export const EXPECTED: Record<ActorKey, Record<PathGroup, Row>> = {
  //          case      notifications   drillDown       officeCases
  staff: { case: 'SSSSS', notifications: 'SSSSS', drillDown: '-----', officeCases: '-----' },
  leader: { case: 'SSSSS', notifications: 'SSSSS', drillDown: 'SSSSS', officeCases: '-----' },
  deputy: { case: 'SSSSS', notifications: 'SSSSS', drillDown: 'SSSSS', officeCases: '-----' },
  admin: { case: '-----', notifications: '-----', drillDown: 'MMMMM', officeCases: '-----' },
  head: { case: 'SS-S-', notifications: 'SS-S-', drillDown: '-----', officeCases: '-----' },
  handler: { case: 'SS-S-', notifications: 'SS-S-', drillDown: '-----', officeCases: '-----' },
  cadre: { case: '---S-', notifications: '---S-', drillDown: '-----', officeCases: '-----' },
  district: { case: '-----', notifications: '-----', drillDown: 'MMMMM', officeCases: '-----' },
  office: { case: '-----', notifications: '----M', drillDown: '-----', officeCases: '----M' },
  platform: { case: '-----', notifications: '-----', drillDown: '-----', officeCases: '-----' },
};

/** The expected outcome of one cell, in the definition's words. */
export function expected(actor: ActorKey, group: PathGroup, c: CaseKey): 'SHOWN' | 'MASKED' | 'HIDDEN' {
  const cell = EXPECTED[actor][group][CASE_KEYS.indexOf(c)];
  return cell === 'S' ? 'SHOWN' : cell === 'M' ? 'MASKED' : 'HIDDEN';
}
