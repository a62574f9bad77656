import type { ParkRules } from './park-rules.schema.js';

/**
 * The report form a registration from `channelCode` starts with: the one the channel names (a
 * hotline call is a phone report), while that form is in use; otherwise none.
 */
export function defaultReportFormCode(
  rules: Pick<ParkRules, 'intakeChannels' | 'reportForms'>,
  channelCode: string | null | undefined,
): string | null {
  const code = rules.intakeChannels.find((channel) => channel.code === channelCode)?.reportFormCode;
  return rules.reportForms.some((form) => form.code === code && form.active) ? (code ?? null) : null;
}
