import { conditionField, type ConditionFieldSpec, textField, type TextFieldSpec } from './field-spec.js';

/*
 * Fields shared by several documents, with the Zhengyang sample values. The people in the samples
 * carry characters outside GB2312 (犇垚旸昇珺玥喆祎) so that every preview exercises the font fallback.
 */

export const SAMPLE_ENTERPRISE = '重庆犇垚精密机械有限公司';
export const SAMPLE_DIFFICULTY = '新建厂房用电增容';
/** A difficulty as long as one phoned in usually is. */
export const SAMPLE_DESCRIPTION =
  '公司新建二期厂房已于今年3月竣工，申请将用电容量由800千伏安增至2000千伏安。报装材料已于3月15日提交供电公司，' +
  '现场勘查后至今已逾两个月仍未获批复，新购置的两条注塑生产线无法调试投产，已影响与下游客户签订的供货合同，' +
  '每月损失产值约300万元。企业希望园区协调供电部门加快审批，并明确线路改造和送电时间。';
export const SAMPLE_REGISTRATION_NO = '企业困难问题〔2022〕第12号';
export const SAMPLE_ASSIGNMENT_NO = '正阳园区管委交〔2022〕第12号';

export const enterpriseName: TextFieldSpec = textField('企业名称', 'Enterprise name', SAMPLE_ENTERPRISE);

export const enterpriseAddress: TextFieldSpec = textField(
  '企业详细地址',
  "Enterprise's address",
  '重庆市黔江区正阳工业园区标准厂房8号楼',
);

export const difficulty: TextFieldSpec = textField(
  '企业反映的困难问题（需要办理或协调解决的事项）',
  'The difficulty reported by the enterprise (what is to be handled)',
  SAMPLE_DIFFICULTY,
);

export const registrationNo: TextFieldSpec = textField(
  '登记编号，如 企业困难问题〔2022〕第12号',
  'Registration number, e.g. 企业困难问题〔2022〕第12号',
  SAMPLE_REGISTRATION_NO,
);

export const assignmentNo: TextFieldSpec = textField(
  '交办编号，如 正阳园区管委交〔2022〕第12号',
  'Assignment number, e.g. 正阳园区管委交〔2022〕第12号',
  SAMPLE_ASSIGNMENT_NO,
);

export const major: ConditionFieldSpec = conditionField(
  '是否重大疑难事项（第6条）；{#major}与{/major}之间的内容仅在是时出现',
  'Whether the case is major or difficult (Art. 6); what lies between {#major} and {/major} appears only then',
  true,
);

/** 版记 (GB/T 9704): the offices copied, from the park's rules (`ccOffices[].copiedOn`). */
export const hasCc: ConditionFieldSpec = conditionField(
  '是否有抄送机关；{#hasCc}与{/hasCc}之间的内容（版记的抄送行）仅在有时出现',
  'Whether any office is copied; what lies between {#hasCc} and {/hasCc} (the colophon’s cc line) appears only then',
  true,
);

export function ccOffices(zh: string, en: string, example: string): TextFieldSpec {
  return textField(
    `抄送机关（园区规则中${zh}的抄送单位，以顿号分隔）`,
    `Offices copied (the park's cc offices copied on ${en}, separated by 、)`,
    example,
  );
}

export function issuingBodyName(example: string): TextFieldSpec {
  return textField(
    '发文机关全称（版头红色机关标志及落款）',
    'Full name of the issuing body (red masthead and signature)',
    example,
  );
}

export function documentDate(zh: string, en: string, example: string): TextFieldSpec {
  return textField(`${zh}（如 2022年5月10日）`, `${en} (e.g. 2022年5月10日)`, example);
}
