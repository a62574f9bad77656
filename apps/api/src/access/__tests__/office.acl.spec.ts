import { describe, expect, it } from '@jest/globals';
import { PARK_ROLES, type PermissionSubject } from '@qifu/domain';
import { abilityFor } from '../ability.js';
import { districtViewer, OTHER_PARK, officeViewer, PARK, parkActor, platformAdmin, row } from './actors.js';

const SUBJECTS: Exclude<PermissionSubject, 'all' | 'OfficeCase'>[] = [
  'District',
  'Park',
  'User',
  'Department',
  'AuditEvent',
  'ParkRules',
  'Case',
  'CaseAttachment',
  'Dashboard',
  'Job',
  'NationalCalendar',
  'OfficeAccount',
];

describe('Outside office permissions', () => {
  it('the platform creates office accounts for any park or district', () => {
    const ability = abilityFor(platformAdmin);
    for (const action of ['create', 'read', 'update'] as const) {
      expect(ability.can(action, row('OfficeAccount', { parkId: OTHER_PARK }))).toBe(true);
      expect(ability.can(action, 'OfficeAccount')).toBe(true);
    }
    expect(ability.can('read', 'OfficeCase')).toBe(false);
  });

  it('a park administrator manages its own park’s office accounts only', () => {
    const ability = abilityFor(parkActor('PARK_ADMIN'));
    expect(ability.can('create', row('OfficeAccount', { parkId: PARK }))).toBe(true);
    expect(ability.can('create', row('OfficeAccount', { parkId: OTHER_PARK }))).toBe(false);
    expect(ability.can('update', row('OfficeAccount', { parkId: OTHER_PARK }))).toBe(false);
  });

  it('other park roles and district viewers manage no office account and read no office case', () => {
    for (const role of PARK_ROLES.filter((r) => r !== 'PARK_ADMIN')) {
      const ability = abilityFor(parkActor(role, role.startsWith('DEPARTMENT') ? 'd' : null));
      expect({ role, create: ability.can('create', 'OfficeAccount') }).toEqual({ role, create: false });
      expect({ role, read: ability.can('read', 'OfficeCase') }).toEqual({ role, read: false });
    }
    expect(abilityFor(districtViewer).can('read', 'OfficeAccount')).toBe(false);
    expect(abilityFor(districtViewer).can('read', 'OfficeCase')).toBe(false);
  });

  it('an office viewer reads office cases and nothing else, and changes nothing', () => {
    const ability = abilityFor(officeViewer);
    expect(ability.can('read', 'OfficeCase')).toBe(true);
    for (const action of ['create', 'update', 'delete'] as const)
      expect(ability.can(action, 'OfficeCase')).toBe(false);
    for (const subject of SUBJECTS)
      for (const action of ['read', 'create', 'update', 'delete'] as const)
        expect({ subject, action, allowed: ability.can(action, subject) }).toEqual({
          subject,
          action,
          allowed: false,
        });
  });
});
