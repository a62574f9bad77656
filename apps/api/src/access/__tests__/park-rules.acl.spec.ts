import { describe, expect, it } from '@jest/globals';
import { abilityFor } from '../ability.js';
import { districtViewer, OTHER_PARK, PARK, parkActor, row } from './actors.js';

describe('ParkRules permissions', () => {
  it('the park admin changes the park’s rules, not another park’s', () => {
    const ability = abilityFor(parkActor('PARK_ADMIN'));
    expect(ability.can('update', row('ParkRules', { parkId: PARK }))).toBe(true);
    expect(ability.can('update', row('ParkRules', { parkId: OTHER_PARK }))).toBe(false);
  });

  it('everyone in the park reads its rules; only the admin changes them', () => {
    const ability = abilityFor(parkActor('SERVICE_CENTER_STAFF'));
    expect(ability.can('read', row('ParkRules', { parkId: PARK }))).toBe(true);
    expect(ability.can('update', 'ParkRules')).toBe(false);
  });

  it('a district viewer has no park rules to read', () => {
    expect(abilityFor(districtViewer).can('read', 'ParkRules')).toBe(false);
  });
});
