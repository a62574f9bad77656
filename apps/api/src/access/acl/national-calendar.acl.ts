import type { AclRules } from '../ability.js';

/** The national holiday arrangement is platform data: its administrators import each year. */
export const nationalCalendarRules: AclRules = (actor, { can }) => {
  if (actor.platformRole === 'PLATFORM_ADMIN') can('manage', 'NationalCalendar');
};
