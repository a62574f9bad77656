import { describe, expect, it } from '@jest/globals';
import { abilityFor } from '../ability.js';
import { districtViewer, OTHER_PARK, PARK, parkActor, row } from './actors.js';

describe('Department permissions', () => {
  it('the park admin manages the park’s departments', () => {
    const ability = abilityFor(parkActor('PARK_ADMIN'));
    expect(ability.can('create', row('Department', { parkId: PARK }))).toBe(true);
    expect(ability.can('update', row('Department', { parkId: OTHER_PARK }))).toBe(false);
  });

  it('everyone working in the park reads its departments but changes none', () => {
    for (const role of ['SERVICE_CENTER_STAFF', 'LEADER_IN_CHARGE', 'DEPARTMENT_HANDLER'] as const) {
      const ability = abilityFor(parkActor(role, role === 'DEPARTMENT_HANDLER' ? 'd' : null));
      expect(ability.can('read', row('Department', { parkId: PARK }))).toBe(true);
      expect(ability.can('create', 'Department')).toBe(false);
      expect(ability.can('update', 'Department')).toBe(false);
    }
  });

  it('a district viewer does not see park departments', () => {
    expect(abilityFor(districtViewer).can('read', 'Department')).toBe(false);
  });
});
