import { subject } from '@casl/ability';
import { describe, expect, it } from '@jest/globals';
import { kysely } from '../../database/typed-sql.js';
import { abilityFor } from '../ability.js';
import type { Actor } from '../actor.js';
import {
  CASE_PATHS,
  caseReachCondition,
  caseSubjectFields,
  caseVisibility,
  contactAs,
  readOutcome,
  seesCase,
  type CaseReachFacts,
  type ReadPath,
} from '../case-visibility.js';
import { districtViewer, officeViewer, OTHER_PARK, PARK, parkActor, platformAdmin } from './actors.js';
import {
  ACTOR_KEYS,
  CASE_KEYS,
  expected,
  type ActorKey,
  type CaseKey,
  type PathGroup,
} from './visibility-table.js';

const ECONOMY = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const FINANCE = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const PLANNING = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const CADRE = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';

const ACTORS: Record<ActorKey, Actor> = {
  staff: parkActor('SERVICE_CENTER_STAFF'),
  leader: parkActor('LEADER_IN_CHARGE'),
  deputy: parkActor('EXECUTIVE_DEPUTY_DIRECTOR'),
  admin: parkActor('PARK_ADMIN'),
  head: parkActor('DEPARTMENT_HEAD', ECONOMY),
  handler: parkActor('DEPARTMENT_HANDLER', ECONOMY),
  cadre: { ...parkActor('DEPARTMENT_HANDLER', PLANNING), userId: CADRE },
  district: districtViewer,
  office: officeViewer,
  platform: platformAdmin,
};

const CASES: Record<CaseKey, CaseReachFacts> = {
  OWN: { departmentIds: [ECONOMY], followUpDepartmentId: null, followUpUserId: null },
  COOPERATING: { departmentIds: [FINANCE, ECONOMY], followUpDepartmentId: null, followUpUserId: null },
  OTHER: { departmentIds: [FINANCE], followUpDepartmentId: null, followUpUserId: null },
  FOLLOW_UP: { departmentIds: [FINANCE], followUpDepartmentId: ECONOMY, followUpUserId: CADRE },
  OFFICE: { departmentIds: [FINANCE], followUpDepartmentId: null, followUpUserId: null, officeLinked: true },
};

const PATHS_OF: Record<PathGroup, readonly ReadPath[]> = {
  case: CASE_PATHS,
  notifications: ['NOTIFICATIONS'],
  drillDown: ['DRILL_DOWN'],
  officeCases: ['OFFICE_CASES'],
};

describe('who sees which case (the definition)', () => {
  it('answers each actor × read path × case as the table says', () => {
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const actor of ACTOR_KEYS)
      for (const [group, paths] of Object.entries(PATHS_OF) as [PathGroup, readonly ReadPath[]][])
        for (const path of paths)
          for (const c of CASE_KEYS) {
            const cell = `${actor} ${path} ${c}`;
            got[cell] = readOutcome(caseVisibility(ACTORS[actor]), path, CASES[c]);
            want[cell] = expected(actor, group, c);
          }
    expect(got).toEqual(want);
  });

  it('agrees with the CASL rules the operations are guarded by: read Case is seeing the case', () => {
    for (const actor of ACTOR_KEYS) {
      const ability = abilityFor(ACTORS[actor]);
      for (const c of CASE_KEYS) {
        const sees = readOutcome(caseVisibility(ACTORS[actor]), 'CASE', CASES[c]) !== 'HIDDEN';
        const row = (parkId: string) => subject('Case', caseSubjectFields(parkId, CASES[c]));
        expect({ actor, c, read: ability.can('read', row(PARK)) }).toEqual({ actor, c, read: sees });
        expect({ actor, c, seesCase: seesCase(ACTORS[actor], CASES[c]) }).toEqual({
          actor,
          c,
          seesCase: sees,
        });
        // Another park's case never, whatever its departments.
        expect(ability.can('read', row(OTHER_PARK))).toBe(false);
      }
      // The operation guard (a type-level check) lets in exactly those who see some case.
      const someCase = CASE_KEYS.some((c) => seesCase(ACTORS[actor], CASES[c]));
      expect({ actor, guard: ability.can('read', 'Case') }).toEqual({ actor, guard: someCase });
    }
  });

  it('agrees with the Dashboard rules: whoever may list the cases behind a figure reads the figures', () => {
    for (const actor of ACTOR_KEYS) {
      const drills = CASE_KEYS.some(
        (c) => readOutcome(caseVisibility(ACTORS[actor]), 'DRILL_DOWN', CASES[c]) !== 'HIDDEN',
      );
      const figures = caseVisibility(ACTORS[actor]).figures;
      expect({ actor, read: abilityFor(ACTORS[actor]).can('read', 'Dashboard') }).toEqual({
        actor,
        read: figures !== 'NONE',
      });
      expect({ actor, drills }).toEqual({ actor, drills: figures === 'PARK' || figures === 'DISTRICT' });
    }
  });

  it('adds up several grants: a park-wide role wins, a role that sees nothing adds nothing', () => {
    const adminAndHandler: Actor = {
      ...parkActor('PARK_ADMIN'),
      roles: [
        { role: 'PARK_ADMIN', departmentId: null },
        { role: 'DEPARTMENT_HANDLER', departmentId: ECONOMY },
      ],
    };
    expect(seesCase(adminAndHandler, CASES.OWN)).toBe(true);
    expect(seesCase(adminAndHandler, CASES.OTHER)).toBe(false);
    // The dashboards of the park, with contacts of its own cases only.
    const visibility = caseVisibility(adminAndHandler);
    expect(readOutcome(visibility, 'DRILL_DOWN', CASES.OWN)).toBe('SHOWN');
    expect(readOutcome(visibility, 'DRILL_DOWN', CASES.OTHER)).toBe('MASKED');
    const leaderAndHead: Actor = {
      ...parkActor('LEADER_IN_CHARGE'),
      roles: [
        { role: 'LEADER_IN_CHARGE', departmentId: null },
        { role: 'DEPARTMENT_HEAD', departmentId: ECONOMY },
      ],
    };
    expect(seesCase(leaderAndHead, CASES.OTHER)).toBe(true);
    expect(seesCase(null, CASES.OWN)).toBe(false);
  });

  it('writes the same reach as a SQL condition on indexed columns, with its values as parameters', () => {
    const asSql = (actor: Actor, alias?: string) => {
      const { sql, parameters } = caseReachCondition(caseVisibility(actor).cases, alias).compile(kysely);
      return { sql: sql.replace(/\s+/g, ' '), parameters };
    };
    expect(asSql(ACTORS.handler, 'c')).toEqual({
      sql: '("c"."department_ids" && $1::uuid[] OR "c"."follow_up_department_id" = ANY($2::uuid[]) OR "c"."follow_up_user_id" = $3::uuid)',
      parameters: [[ECONOMY], [ECONOMY], 'u1'],
    });
    expect(asSql(ACTORS.staff)).toEqual({ sql: 'TRUE', parameters: [] });
    expect(asSql(ACTORS.admin)).toEqual({ sql: 'FALSE', parameters: [] });
    expect(asSql(ACTORS.office, 'c')).toEqual({
      sql: 'EXISTS (SELECT 1 FROM office_cases oc WHERE oc.case_id = "c"."id")',
      parameters: [],
    });
  });

  it('masks contacts as the dashboards do', () => {
    const contact = { name: '张三丰', phone: '13800001234' };
    expect(contactAs(true, contact)).toEqual(contact);
    expect(contactAs(false, contact)).toEqual({ name: '张**', phone: '138****1234' });
  });
});
