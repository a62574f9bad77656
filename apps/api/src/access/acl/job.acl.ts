import type { AclRules } from '../ability.js';

/** The job queue is the platform's: its administrators see failed jobs and retry or discard them. */
export const jobRules: AclRules = (actor, { can }) => {
  if (actor.platformRole === 'PLATFORM_ADMIN') can('manage', 'Job');
};
