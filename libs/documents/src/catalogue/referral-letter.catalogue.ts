import type { ReferralLetterData } from '../document-data.js';
import {
  SAMPLE_DIFFICULTY,
  SAMPLE_ENTERPRISE,
  SAMPLE_REGISTRATION_NO,
  difficulty,
  documentDate,
  enterpriseName,
  issuingBodyName,
  major,
} from './common-fields.js';
import { type FieldSpecs, textField } from './field-spec.js';

/** Art. 7.2 and Attachment 4: 关于解决企业困难问题的函. */
export const referralLetterFields: FieldSpecs<ReferralLetterData> = {
  issuingBodyName: issuingBodyName('重庆市正阳工业园区管理委员会'),
  letterNo: textField(
    '发文字号，如 正阳园区管委函〔2022〕5号',
    'Letter number, e.g. 正阳园区管委函〔2022〕5号',
    '正阳园区管委函〔2022〕5号',
  ),
  parkName: textField('园区名称', 'Park name', '重庆市正阳工业园区'),
  title: textField(
    '标题（园区规则 letters.referral.title）',
    "Title (the park's letters.referral.title)",
    '关于解决正阳工业园区企业困难问题的函',
  ),
  addressee: textField('主送机关（区级部门）', 'Addressee (district bureau)', '国网黔江供电公司'),
  salutation: textField(
    '称谓行（园区规则 letters.referral.salutation，已填入主送机关）',
    "Salutation (the park's letters.referral.salutation, addressee filled in)",
    '国网黔江供电公司：',
  ),
  body: textField(
    '正文（园区规则 letters.referral.body，已填入企业、困难问题和答复时限）',
    "Body (the park's letters.referral.body with enterprise, difficulty and reply period filled in)",
    `正阳工业园区入园企业${SAMPLE_ENTERPRISE}向我委反映，该公司发展遇到${SAMPLE_DIFFICULTY}困难。望贵单位积极协助解决该问题，支持民营经济发展，并将困难问题化解情况以及相关负责人、联系方式于5个工作日内告知我委。`,
  ),
  closing: textField(
    '结束语（园区规则 letters.referral.closing）',
    "Closing (the park's letters.referral.closing)",
    '此函',
  ),
  enterpriseName,
  difficulty,
  replyPeriod: textField(
    '答复时限（园区规则 deadlines.referralReply）',
    "Reply period (the park's deadlines.referralReply)",
    '5个工作日',
  ),
  replyDueOn: documentDate('答复截止日期', 'Reply due date', '2022年5月17日'),
  serviceCenterName: textField(
    '企业服务中心名称（联系电话一栏）',
    'Service center name (contacts)',
    '正阳工业园区企业服务中心',
  ),
  serviceCenterHotline: textField('企业服务热线', 'Service center hotline', '79429609'),
  enterpriseContactName: textField('企业联系人', "Enterprise's contact person", '王犇'),
  enterpriseContactPhone: textField('企业联系电话', "Enterprise's phone", '13908260001'),
  issues: {
    kind: 'loop',
    zh: '附件：企业困难问题清单（表格每行一项）',
    en: 'Attachment: the issue list (one table row per item)',
    fields: {
      no: textField('序号', 'Row number', '1'),
      registrationNo: textField('登记编号', 'Registration number', SAMPLE_REGISTRATION_NO),
      enterpriseName: textField('企业名称', 'Enterprise name', SAMPLE_ENTERPRISE),
      difficulty: textField('困难问题', 'Difficulty', SAMPLE_DIFFICULTY),
      contact: textField(
        '联系人及电话（姓名和电话各占一行）',
        'Contact and phone (each on a line)',
        '王犇\n13908260001',
      ),
    },
    example: [
      {
        no: '1',
        registrationNo: SAMPLE_REGISTRATION_NO,
        enterpriseName: SAMPLE_ENTERPRISE,
        difficulty: '新建二期厂房用电容量由800千伏安增至2000千伏安，报装逾两个月未获批复',
        contact: '王犇\n13908260001',
      },
    ],
  },
  issuedOn: documentDate('成文日期', 'Date of the letter', '2022年5月10日'),
  ccOffices: textField(
    '抄送机关（园区规则中始终抄送的机关，如 区民促办）',
    'Offices copied (those the park always copies, e.g. 区民促办)',
    '区民促办',
  ),
  major,
  majorCcOffices: textField(
    '重难点事项另行抄送的机关（如 区整顿办），放在{#major}…{/major}中',
    'Offices also copied on major cases (e.g. 区整顿办), inside {#major}…{/major}',
    '区整顿办',
  ),
};
