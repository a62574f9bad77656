import type { AclRules } from '../ability.js';
import { caseVisibility } from '../case-visibility.js';

/** Who reads which figures is the figure reach of case-visibility.ts. */
export const dashboardRules: AclRules = (actor, { can }) => {
  const { figures } = caseVisibility(actor);
  if (figures === 'DISTRICT') can('read', 'Dashboard', { districtId: actor.districtId });
  if (figures === 'PARK') can('read', 'Dashboard', { parkId: actor.parkId });
  // The platform reads every district's aggregates (no case lists) and keeps each district's
  // indicator settings: a district viewer only views.
  if (figures === 'AGGREGATES') {
    can('read', 'Dashboard');
    can('update', 'Dashboard');
  }
};
