import { defaultReportFormCode } from '../intake-defaults.js';
import { validateParkRules } from '../validate-park-rules.js';
import { parkRules } from './park-fixtures.js';

describe('the report form a channel implies', () => {
  it('a Zhengyang hotline call is a phone report, a platform case a platform one; the hall implies none', () => {
    const rules = parkRules('zhengyang');
    expect(defaultReportFormCode(rules, 'HOTLINE')).toBe('PHONE');
    expect(defaultReportFormCode(rules, 'ONLINE_PLATFORM')).toBe('PLATFORM');
    expect(defaultReportFormCode(rules, 'SERVICE_HALL')).toBeNull();
    expect(defaultReportFormCode(rules, null)).toBeNull();
  });

  it('implies nothing once the form is no longer in use', () => {
    const rules = parkRules('zhengyang');
    rules.reportForms.find((form) => form.code === 'PHONE')!.active = false;
    expect(defaultReportFormCode(rules, 'HOTLINE')).toBeNull();
  });

  it('refuses rules whose channel names a report form they do not have, naming the field', () => {
    const rules = parkRules('zhengyang');
    rules.intakeChannels[2].reportFormCode = 'FAX';
    const result = validateParkRules(rules);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([
      { path: 'intakeChannels[2].reportFormCode', message: 'unknown report form "FAX"' },
    ]);
  });
});
