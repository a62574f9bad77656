import { describe, expect, it } from '@jest/globals';
import { abilityFor } from '../ability.js';
import { DEPARTMENT, OTHER_PARK, PARK, parkActor, platformAdmin, districtViewer, row } from './actors.js';

describe('Case permissions', () => {
  it('the service center registers cases in its park', () => {
    const ability = abilityFor(parkActor('SERVICE_CENTER_STAFF'));
    expect(ability.can('create', row('Case', { parkId: PARK }))).toBe(true);
    expect(ability.can('create', row('Case', { parkId: OTHER_PARK }))).toBe(false);
  });

  it('leaders read and act on cases but do not register them', () => {
    const ability = abilityFor(parkActor('LEADER_IN_CHARGE'));
    expect(ability.can('update', row('Case', { parkId: PARK }))).toBe(true);
    expect(ability.can('create', 'Case')).toBe(false);
  });

  it('a department sees only cases assigned to it', () => {
    const ability = abilityFor(parkActor('DEPARTMENT_HANDLER', DEPARTMENT));
    expect(ability.can('read', row('Case', { parkId: PARK, departmentIds: [DEPARTMENT] }))).toBe(true);
    expect(ability.can('read', row('Case', { parkId: PARK, departmentIds: ['other'] }))).toBe(false);
    expect(ability.can('create', 'Case')).toBe(false);
  });

  it('a department, or its cadre, sees and works the cases it follows up as the linked department or cadre', () => {
    const handler = { ...parkActor('DEPARTMENT_HANDLER', DEPARTMENT), userId: 'cadre' };
    const ability = abilityFor(handler);
    const followed = (fields: Record<string, unknown>) =>
      row('Case', {
        parkId: PARK,
        departmentIds: ['other'],
        followUpDepartmentId: null,
        followUpUserId: null,
        ...fields,
      });
    expect(ability.can('read', followed({ followUpDepartmentId: DEPARTMENT }))).toBe(true);
    expect(ability.can('update', followed({ followUpUserId: 'cadre' }))).toBe(true);
    expect(ability.can('read', followed({ followUpUserId: 'someone else' }))).toBe(false);
    expect(ability.can('read', followed({}))).toBe(false);
  });

  it('the platform and district viewers do not work cases', () => {
    expect(abilityFor(platformAdmin).can('read', 'Case')).toBe(false);
    expect(abilityFor(districtViewer).can('read', 'Case')).toBe(false);
    expect(abilityFor(parkActor('PARK_ADMIN')).can('update', 'Case')).toBe(false);
  });
});
