import { describe, expect, it } from '@jest/globals';
import { abilityFor } from '../ability.js';
import { OTHER_PARK, PARK, parkActor, platformAdmin, row } from './actors.js';

describe('AuditEvent permissions', () => {
  it('the park admin and the executive deputy director read the park’s trail', () => {
    for (const role of ['PARK_ADMIN', 'EXECUTIVE_DEPUTY_DIRECTOR'] as const) {
      const ability = abilityFor(parkActor(role));
      expect(ability.can('read', row('AuditEvent', { parkId: PARK }))).toBe(true);
      expect(ability.can('read', row('AuditEvent', { parkId: OTHER_PARK }))).toBe(false);
    }
  });

  it('nobody changes or deletes the trail', () => {
    for (const actor of [parkActor('PARK_ADMIN'), platformAdmin]) {
      expect(abilityFor(actor).can('update', 'AuditEvent')).toBe(false);
      expect(abilityFor(actor).can('delete', 'AuditEvent')).toBe(false);
    }
  });

  it('staff and departments do not read the trail', () => {
    expect(abilityFor(parkActor('SERVICE_CENTER_STAFF')).can('read', 'AuditEvent')).toBe(false);
    expect(abilityFor(parkActor('DEPARTMENT_HEAD', 'd')).can('read', 'AuditEvent')).toBe(false);
  });
});
