import { describe, expect, it } from '@jest/globals';
import { abilityFor } from '../ability.js';
import { DISTRICT, districtViewer, OTHER_DISTRICT, parkActor, platformAdmin, row } from './actors.js';

describe('District permissions', () => {
  it('the platform admin manages districts', () => {
    expect(abilityFor(platformAdmin).can('create', 'District')).toBe(true);
    expect(abilityFor(platformAdmin).can('update', 'District')).toBe(true);
  });

  it('a district viewer reads only their own district', () => {
    const ability = abilityFor(districtViewer);
    expect(ability.can('read', row('District', { id: DISTRICT }))).toBe(true);
    expect(ability.can('read', row('District', { id: OTHER_DISTRICT }))).toBe(false);
    expect(ability.can('create', 'District')).toBe(false);
  });

  it('park users read their park’s district and create none', () => {
    const ability = abilityFor(parkActor('PARK_ADMIN'));
    expect(ability.can('read', row('District', { id: DISTRICT }))).toBe(true);
    expect(ability.can('create', 'District')).toBe(false);
  });

  it('an anonymous caller may do nothing', () => {
    expect(abilityFor(null).can('read', 'District')).toBe(false);
  });
});
