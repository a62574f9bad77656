import { describe, expect, it } from '@jest/globals';
import { abilityFor } from '../ability.js';
import { DISTRICT, districtViewer, OTHER_DISTRICT, PARK, parkActor, platformAdmin, row } from './actors.js';

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

describe('Dashboard settings permissions', () => {
  it('platform administrators read every dashboard and edit district settings', () => {
    const ability = abilityFor(platformAdmin);
    expect(ability.can('read', row('Dashboard', { districtId: OTHER_DISTRICT }))).toBe(true);
    expect(ability.can('update', 'Dashboard')).toBe(true);
  });

  it('district viewers and park leaders do not edit settings', () => {
    expect(abilityFor(districtViewer).can('update', 'Dashboard')).toBe(false);
    expect(abilityFor(parkActor('PARK_ADMIN')).can('update', 'Dashboard')).toBe(false);
  });
});
