import { describe, expect, it } from '@jest/globals';
import { abilityFor } from '../ability.js';
import { DISTRICT, districtViewer, OTHER_DISTRICT, PARK, parkActor, row } from './actors.js';

describe('Dashboard permissions', () => {
  it('a district viewer reads their district’s dashboard only', () => {
    const ability = abilityFor(districtViewer);
    expect(ability.can('read', row('Dashboard', { districtId: DISTRICT }))).toBe(true);
    expect(ability.can('read', row('Dashboard', { districtId: OTHER_DISTRICT }))).toBe(false);
  });

  it('park leaders read their park’s dashboard; handlers do not', () => {
    expect(abilityFor(parkActor('LEADER_IN_CHARGE')).can('read', row('Dashboard', { parkId: PARK }))).toBe(
      true,
    );
    expect(abilityFor(parkActor('DEPARTMENT_HANDLER', 'd')).can('read', 'Dashboard')).toBe(false);
    expect(abilityFor(parkActor('SERVICE_CENTER_STAFF')).can('read', 'Dashboard')).toBe(false);
  });
});
