import { describe, expect, it } from '@jest/globals';
import { abilityFor } from '../ability.js';
import {
  DISTRICT,
  districtViewer,
  OTHER_DISTRICT,
  OTHER_PARK,
  PARK,
  parkActor,
  platformAdmin,
  row,
} from './actors.js';

describe('Park permissions', () => {
  it('only the platform admin onboards parks', () => {
    expect(abilityFor(platformAdmin).can('create', 'Park')).toBe(true);
    expect(abilityFor(parkActor('PARK_ADMIN')).can('create', 'Park')).toBe(false);
    expect(abilityFor(districtViewer).can('create', 'Park')).toBe(false);
  });

  it('a district viewer reads the parks of their district only', () => {
    const ability = abilityFor(districtViewer);
    expect(ability.can('read', row('Park', { id: PARK, districtId: DISTRICT }))).toBe(true);
    expect(ability.can('read', row('Park', { id: OTHER_PARK, districtId: OTHER_DISTRICT }))).toBe(false);
  });

  it('park users read their own park and no other', () => {
    const ability = abilityFor(parkActor('DEPARTMENT_HANDLER', 'd'));
    expect(ability.can('read', row('Park', { id: PARK }))).toBe(true);
    expect(ability.can('read', row('Park', { id: OTHER_PARK }))).toBe(false);
    expect(ability.can('update', row('Park', { id: PARK }))).toBe(false);
  });
});
