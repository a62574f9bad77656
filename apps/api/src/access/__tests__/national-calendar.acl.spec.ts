import { describe, expect, it } from '@jest/globals';
import { PARK_ROLES } from '@qifu/domain';
import { abilityFor } from '../ability.js';
import { districtViewer, parkActor, platformAdmin } from './actors.js';

describe('NationalCalendar permissions', () => {
  it('the platform admin reads and imports the national arrangement', () => {
    expect(abilityFor(platformAdmin).can('read', 'NationalCalendar')).toBe(true);
    expect(abilityFor(platformAdmin).can('manage', 'NationalCalendar')).toBe(true);
  });

  it('no park role and no district viewer may import or list it (parks read their own calendar)', () => {
    for (const actor of [districtViewer, ...PARK_ROLES.map((role) => parkActor(role))]) {
      expect(abilityFor(actor).can('read', 'NationalCalendar')).toBe(false);
      expect(abilityFor(actor).can('manage', 'NationalCalendar')).toBe(false);
    }
    expect(abilityFor(null).can('read', 'NationalCalendar')).toBe(false);
  });
});
