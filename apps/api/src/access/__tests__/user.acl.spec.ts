import { describe, expect, it } from '@jest/globals';
import { abilityFor } from '../ability.js';
import { OTHER_PARK, PARK, parkActor, platformAdmin, row } from './actors.js';

describe('User permissions', () => {
  it('the park admin manages the people of their park only', () => {
    const ability = abilityFor(parkActor('PARK_ADMIN'));
    for (const action of ['create', 'update', 'read'] as const) {
      expect(ability.can(action, row('User', { parkId: PARK }))).toBe(true);
      expect(ability.can(action, row('User', { parkId: OTHER_PARK }))).toBe(false);
    }
  });

  it('staff and leaders read people to route work, but change nobody', () => {
    for (const role of ['SERVICE_CENTER_STAFF', 'LEADER_IN_CHARGE', 'EXECUTIVE_DEPUTY_DIRECTOR'] as const) {
      const ability = abilityFor(parkActor(role));
      expect(ability.can('read', row('User', { parkId: PARK }))).toBe(true);
      expect(ability.can('create', 'User')).toBe(false);
      expect(ability.can('update', 'User')).toBe(false);
    }
  });

  it('departments and the platform do not manage park users', () => {
    expect(abilityFor(parkActor('DEPARTMENT_HEAD', 'd')).can('read', 'User')).toBe(false);
    expect(abilityFor(parkActor('DEPARTMENT_HANDLER', 'd')).can('create', 'User')).toBe(false);
    expect(abilityFor(platformAdmin).can('create', 'User')).toBe(false);
  });
});
