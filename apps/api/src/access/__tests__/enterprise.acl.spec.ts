import { describe, expect, it } from '@jest/globals';
import { abilityFor } from '../ability.js';
import { DEPARTMENT, districtViewer, officeViewer, OTHER_PARK, PARK, parkActor, row } from './actors.js';

describe('Enterprise permissions', () => {
  it('the service center and the park admin link the park’s enterprises (挂钩联系), not another park’s', () => {
    for (const role of ['SERVICE_CENTER_STAFF', 'PARK_ADMIN'] as const) {
      const ability = abilityFor(parkActor(role));
      expect(ability.can('read', row('Enterprise', { parkId: PARK }))).toBe(true);
      expect(ability.can('update', row('Enterprise', { parkId: PARK }))).toBe(true);
      expect(ability.can('update', row('Enterprise', { parkId: OTHER_PARK }))).toBe(false);
    }
  });

  it('leaders and department people look enterprises up but link none', () => {
    for (const actor of [parkActor('LEADER_IN_CHARGE'), parkActor('DEPARTMENT_HANDLER', DEPARTMENT)]) {
      const ability = abilityFor(actor);
      expect(ability.can('read', row('Enterprise', { parkId: PARK }))).toBe(true);
      expect(ability.can('update', 'Enterprise')).toBe(false);
    }
  });

  it('district and office viewers see no register', () => {
    for (const actor of [districtViewer, officeViewer])
      expect(abilityFor(actor).can('read', 'Enterprise')).toBe(false);
  });
});
