import { parseParkConfigYaml, toParkConfigYaml, validateParkConfig } from '../park-config-file.js';
import { parkRulesSchema } from '../park-rules.schema.js';
import { parkConfig, parkYaml } from './park-fixtures.js';

describe('park configuration files', () => {
  it.each(['zhengyang', 'wulingshan'] as const)('accepts infra/parks/%s.yaml', (park) => {
    const result = parseParkConfigYaml(parkYaml(park));
    expect(result).toMatchObject({ ok: true, config: { park: { code: park, districtCode: 'qianjiang' } } });
    if (result.ok) expect(parkRulesSchema.safeParse(result.config.rules).success).toBe(true);
  });

  it('accepts infra/parks/songlin.yaml, which states only what differs from the defaults', () => {
    const { park, rules } = parkConfig('songlin');
    expect(park).toMatchObject({ code: 'songlin', districtCode: 'songxi' });
    expect(rules.grades.map((g) => g.labelZh)).toEqual(['优', '良', '中', '差']);
    expect(rules.approvalRoutes.map((r) => r.approvalSteps.map((s) => s.role))).toEqual([
      ['LEADER_IN_CHARGE', 'EXECUTIVE_DEPUTY_DIRECTOR'],
      ['LEADER_IN_CHARGE', 'EXECUTIVE_DEPUTY_DIRECTOR'],
      ['LEADER_IN_CHARGE'],
    ]);
    // Left out of the file: the defaults of schema version 2.
    expect(rules.categories.length).toBeGreaterThan(0);
    expect(rules.satisfactionScale.map((l) => l.code)).toEqual([
      'SATISFIED',
      'BASICALLY_SATISFIED',
      'UNSATISFIED',
    ]);
  });

  it('carries every list and number of the Zhengyang rulebook', () => {
    const { park, rules } = parkConfig('zhengyang');
    expect(park).toEqual({
      code: 'zhengyang',
      name: '重庆市正阳工业园区',
      districtCode: 'qianjiang',
      districtName: '黔江区',
    });
    expect(rules.categories.map((c) => c.labelZh)).toEqual([
      '政策执行',
      '合同履行',
      '用地审批',
      '用电保障',
      '融资服务',
      '人才服务',
      '招工用工',
      '项目推动',
      '软环境建设',
      '其它',
    ]);
    expect(rules.intakeChannels).toHaveLength(7);
    expect(rules.intakeChannels.find((c) => c.code === 'HOTLINE')?.phone).toBe('79429609');
    expect(rules.reportForms.map((f) => f.labelZh)).toEqual(['平台受理', '来电反映', '电子邮件', '来人来函']);
    expect(rules.inadmissibleMatters.map((m) => m.labelZh)).toEqual(['诉讼', '仲裁', '行政复议']);
    expect(rules.numbering.REGISTRATION.format).toBe('企业困难问题〔{year}〕第{seq}号');
    expect(rules.numbering.ASSIGNMENT.format).toBe('正阳园区管委交〔{year}〕第{seq}号');
    expect(rules.deadlines.referralReply).toEqual({ amount: 5, unit: 'WORKING_DAYS' });
    expect(rules.ccOffices.map((o) => [o.name, o.when])).toEqual([
      ['区民促办', 'ALWAYS'],
      ['区整顿办', 'MAJOR_ONLY'],
    ]);
    expect(rules.grades.map((g) => g.code)).toEqual(['A', 'B', 'C']);
    expect(rules.satisfactionScale.map((s) => [s.labelZh, s.countsAsSatisfied])).toEqual([
      ['满意', true],
      ['基本满意', true],
      ['不满意', false],
    ]);
    expect(rules.contacts).toMatchObject({
      issuingBodyName: '重庆市正阳工业园区管理委员会',
      serviceCenterHotline: '79429609',
    });
  });

  it.each(['zhengyang', 'wulingshan'] as const)('round-trips %s through YAML', (park) => {
    const config = parkConfig(park);
    const text = toParkConfigYaml(config);
    const again = parseParkConfigYaml(text);
    expect(again).toEqual({ ok: true, config });
    if (again.ok) expect(toParkConfigYaml(again.config)).toBe(text);
    // Phone numbers stay strings, dates stay dates as text.
    expect(text).toMatch(/phone: "\d+"/);
  });

  it('reports a YAML syntax error with its line', () => {
    const result = parseParkConfigYaml('park:\n  code: [zhengyang\nrules: {}\n');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems[0]).toMatchObject({ path: '', message: expect.stringMatching(/line \d+/) });
  });

  it('reports problems with paths into the file', () => {
    const text = parkYaml('zhengyang')
      .replace('code: zhengyang', 'code: Zhengyang')
      .replace('approverRole: LEADER_IN_CHARGE', 'approverRole: MAYOR');
    const result = parseParkConfigYaml(`${text}\nextra: 1\n`);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([
        { path: 'extra', message: 'unknown field' },
        { path: 'park.code', message: 'must be lower-case letters, digits and dashes' },
        { path: 'rules.approvalRoutes[3].approverRole', message: 'unknown role "MAYOR"' },
      ]);
    }
  });

  it('rejects a document that is not a mapping', () => {
    expect(validateParkConfig([1, 2])).toEqual({
      ok: false,
      problems: [{ path: '', message: 'must be a mapping with park and rules' }],
    });
    expect(parseParkConfigYaml('park: { code: x, name: X, districtCode: d, districtName: D }')).toEqual({
      ok: false,
      problems: [{ path: 'rules', message: 'required' }],
    });
  });
});
