import { parseParkConfigYaml } from '../park-config-file.js';
import { RULES_DEFAULTS, withRuleDefaults } from '../rules-defaults.js';
import { validateParkRules } from '../validate-park-rules.js';
import { parkConfig, parkRules, parkYaml } from './park-fixtures.js';

const problemsOf = (input: unknown) => {
  const result = validateParkRules(input);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
};

/** Zhengyang's rules without the three sections, as a rulebook written before they existed. */
function withoutStepSections(): Record<string, unknown> {
  const { steps: _s, followUp: _f, admissibility: _a, ...rest } = parkRules('zhengyang');
  return rest;
}

describe('steps, follow-up sample and admissibility in the rules', () => {
  it('default to every step required, every case followed up, and rejection outside the register', () => {
    const result = validateParkRules(withoutStepSections());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.rules.steps).toEqual({
      verification: 'REQUIRED',
      headReview: 'REQUIRED',
      grading: 'REQUIRED',
      followUp: 'REQUIRED',
    });
    expect(result.rules.followUp).toEqual({ mode: 'ALL', onUnsatisfied: 'SPECIAL_SUPERVISION' });
    expect(result.rules.admissibility).toEqual({ notInRegister: 'REJECT' });
  });

  it('leave Zhengyang and Wulingshan as they were: their files state the defaults or nothing', () => {
    for (const park of ['zhengyang', 'wulingshan'] as const) {
      const { rules } = parkConfig(park);
      expect(rules.steps).toEqual(RULES_DEFAULTS.steps);
      expect(rules.followUp).toEqual(RULES_DEFAULTS.followUp);
      expect(rules.admissibility).toEqual(RULES_DEFAULTS.admissibility);
    }
    // Rules stored before these sections existed read back the same as the file.
    expect(withRuleDefaults(withoutStepSections())).toEqual(parkRules('zhengyang'));
  });

  it('fill a section key by key: a park states only what differs', () => {
    const result = validateParkRules({
      ...withoutStepSections(),
      steps: { headReview: 'OPTIONAL' },
      followUp: { mode: 'PERCENT', percent: 30 },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.rules.steps).toEqual({ ...RULES_DEFAULTS.steps, headReview: 'OPTIONAL' });
    expect(result.rules.followUp).toEqual({
      mode: 'PERCENT',
      percent: 30,
      onUnsatisfied: 'SPECIAL_SUPERVISION',
    });
  });

  it('name the field of each wrong value', () => {
    const rules = {
      ...withoutStepSections(),
      steps: { verification: 'SOMETIMES', grading: 'ABSENT', extra: 'REQUIRED' },
      followUp: { mode: 'EVERY_NTH', everyNth: 1, onUnsatisfied: 'IGNORE' },
      admissibility: { notInRegister: 'ADMIT' },
    };
    expect(problemsOf(rules)).toEqual([
      { path: 'steps.verification', message: 'must be one of: REQUIRED, OPTIONAL, ABSENT' },
      { path: 'steps.extra', message: 'unknown field' },
      { path: 'followUp.everyNth', message: 'must be at least 2 (1 is every case: mode ALL)' },
      { path: 'followUp.onUnsatisfied', message: 'must be one of: SPECIAL_SUPERVISION, RECORD_ONLY' },
      {
        path: 'admissibility.notInRegister',
        message: 'must be one of: REJECT, FLAG_FOR_VERIFICATION, ACCEPT_AND_ADD',
      },
    ]);
  });

  it('ask for the number that goes with the sampling mode, and only that one', () => {
    expect(problemsOf({ ...withoutStepSections(), followUp: { mode: 'PERCENT' } })).toEqual([
      { path: 'followUp.percent', message: 'required with mode PERCENT' },
    ]);
    expect(problemsOf({ ...withoutStepSections(), followUp: { mode: 'EVERY_NTH', percent: 10 } })).toEqual([
      { path: 'followUp.everyNth', message: 'required with mode EVERY_NTH' },
      { path: 'followUp.percent', message: 'only applies to mode PERCENT' },
    ]);
    expect(problemsOf({ ...withoutStepSections(), followUp: { mode: 'ALL', everyNth: 5 } })).toEqual([
      { path: 'followUp.everyNth', message: 'only applies to mode EVERY_NTH' },
    ]);
    expect(problemsOf({ ...withoutStepSections(), followUp: { mode: 'PERCENT', percent: 0 } })).toEqual([
      { path: 'followUp.percent', message: 'must be at least 1' },
    ]);
    expect(problemsOf({ ...withoutStepSections(), followUp: { mode: 'PERCENT', percent: 101 } })).toEqual([
      { path: 'followUp.percent', message: 'must be at most 100' },
    ]);
  });

  it('refuse a sample of follow-ups that do not exist, and a flag no verification can clear', () => {
    expect(
      problemsOf({
        ...withoutStepSections(),
        steps: { followUp: 'ABSENT', verification: 'ABSENT' },
        followUp: { mode: 'PERCENT', percent: 20 },
        admissibility: { notInRegister: 'FLAG_FOR_VERIFICATION' },
      }),
    ).toEqual([
      {
        path: 'followUp.mode',
        message: 'must be ALL when steps.followUp is ABSENT (no case is followed up)',
      },
      {
        path: 'admissibility.notInRegister',
        message: 'FLAG_FOR_VERIFICATION needs a verification step (steps.verification is ABSENT)',
      },
    ]);
    // An optional verification is fine: a flagged case cannot skip it.
    expect(
      validateParkRules({
        ...withoutStepSections(),
        steps: { verification: 'OPTIONAL' },
        admissibility: { notInRegister: 'FLAG_FOR_VERIFICATION' },
      }).ok,
    ).toBe(true);
  });

  it('read from a park file', () => {
    const yaml = parkYaml('wulingshan').replace(
      /\n {2}contacts:/,
      `
  steps: { grading: OPTIONAL, followUp: OPTIONAL }
  followUp: { mode: EVERY_NTH, everyNth: 3, onUnsatisfied: RECORD_ONLY }
  admissibility: { notInRegister: ACCEPT_AND_ADD }

  contacts:`,
    );
    const result = parseParkConfigYaml(yaml);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.config.rules.steps.grading).toBe('OPTIONAL');
    expect(result.config.rules.followUp).toEqual({
      mode: 'EVERY_NTH',
      everyNth: 3,
      onUnsatisfied: 'RECORD_ONLY',
    });
    expect(result.config.rules.admissibility.notInRegister).toBe('ACCEPT_AND_ADD');
  });
});
