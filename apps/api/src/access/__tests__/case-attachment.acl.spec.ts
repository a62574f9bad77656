import { describe, expect, it } from '@jest/globals';
import { abilityFor } from '../ability.js';
import { seesCase } from '../case-visibility.js';
import { DEPARTMENT, OTHER_PARK, PARK, districtViewer, parkActor, platformAdmin, row } from './actors.js';

const attachment = (departmentIds: string[], parkId = PARK) =>
  row('CaseAttachment', { parkId, departmentIds });

describe('CaseAttachment permissions', () => {
  it('the service center attaches files to any case of its park, not of another park', () => {
    const ability = abilityFor(parkActor('SERVICE_CENTER_STAFF'));
    expect(ability.can('create', attachment([]))).toBe(true);
    expect(ability.can('create', attachment(['other']))).toBe(true);
    expect(ability.can('create', attachment([], OTHER_PARK))).toBe(false);
  });

  it('a department attaches files only to cases assigned to it', () => {
    for (const role of ['DEPARTMENT_HEAD', 'DEPARTMENT_HANDLER'] as const) {
      const ability = abilityFor(parkActor(role, DEPARTMENT));
      expect(ability.can('create', attachment([DEPARTMENT, 'other']))).toBe(true);
      expect(ability.can('create', attachment(['other']))).toBe(false);
      expect(ability.can('create', attachment([]))).toBe(false);
    }
  });

  it('leaders, the park administrator, the district and the platform attach nothing', () => {
    for (const actor of [
      parkActor('LEADER_IN_CHARGE'),
      parkActor('EXECUTIVE_DEPUTY_DIRECTOR'),
      parkActor('PARK_ADMIN'),
      districtViewer,
      platformAdmin,
    ]) {
      expect(abilityFor(actor).can('create', attachment([DEPARTMENT]))).toBe(false);
    }
  });

  it('files are seen by whoever sees the case: a department only its own cases', () => {
    const ofDepartments = (departmentIds: string[]) => ({
      departmentIds,
      followUpDepartmentId: null,
      followUpUserId: null,
    });
    expect(seesCase(parkActor('SERVICE_CENTER_STAFF'), ofDepartments(['other']))).toBe(true);
    expect(seesCase(parkActor('LEADER_IN_CHARGE'), ofDepartments([]))).toBe(true);
    const handler = parkActor('DEPARTMENT_HANDLER', DEPARTMENT);
    expect(seesCase(handler, ofDepartments([DEPARTMENT]))).toBe(true);
    expect(seesCase(handler, ofDepartments(['other']))).toBe(false);
    expect(seesCase(parkActor('PARK_ADMIN'), ofDepartments([]))).toBe(false);
    expect(seesCase(districtViewer, ofDepartments([]))).toBe(false);
  });
});
