import type { SupervisionLetterData } from '../document-data.js';
import {
  SAMPLE_ASSIGNMENT_NO,
  SAMPLE_ENTERPRISE,
  assignmentNo,
  ccOffices,
  difficulty,
  hasCc,
  documentDate,
  enterpriseName,
  issuingBodyName,
  registrationNo,
} from './common-fields.js';
import { conditionField, type FieldSpecs, textField } from './field-spec.js';

/**
 * Art. 10: 督办函 for a case not closed on time: to the department it was assigned to, or to a
 * district bureau that has not answered its referral letter (Art. 7.2), which it cites instead.
 */
export const supervisionLetterFields: FieldSpecs<SupervisionLetterData> = {
  issuingBodyName: issuingBodyName('园区服务企业领导小组办公室'),
  letterNo: textField(
    '发文字号，如 正阳园区管委督〔2022〕3号',
    'Letter number, e.g. 正阳园区管委督〔2022〕3号',
    '正阳园区管委督〔2022〕3号',
  ),
  parkName: textField('园区名称', 'Park name', '重庆市正阳工业园区'),
  title: textField(
    '标题（园区规则 letters.supervision.title）',
    "Title (the park's letters.supervision.title)",
    '关于督促办理企业困难问题的函',
  ),
  addressee: textField(
    '主送部门（牵头办理部室，或未回复商函的区级部门）',
    'Addressee (the lead department, or a district bureau that has not answered its letter)',
    '经济发展部',
  ),
  salutation: textField(
    '称谓行（园区规则 letters.supervision.salutation，已填入主送部门）',
    "Salutation (the park's letters.supervision.salutation, addressee filled in)",
    '经济发展部：',
  ),
  body: textField(
    '正文（园区规则 letters.supervision.body，已填入企业、交办编号和办结时限；致区级部门时为 letters.referralSupervision.body，已填入商函编号、发函日期和回复时限）',
    "Body (the park's letters.supervision.body with enterprise, assignment number and deadline filled in; to a district bureau, letters.referralSupervision.body with the referral letter's number, date and reply date)",
    `我委交办的${SAMPLE_ENTERPRISE}反映的困难问题（交办编号：${SAMPLE_ASSIGNMENT_NO}）办结时限为2022年5月24日，至今尚未办结。请你单位抓紧办理，并将办理情况书面报送园区服务企业领导小组办公室。`,
  ),
  closing: textField(
    '结束语（园区规则 letters.supervision.closing）',
    "Closing (the park's letters.supervision.closing)",
    '特此督办',
  ),
  enterpriseName,
  difficulty,
  registrationNo,
  referral: conditionField(
    '是否致未回复商函的区级部门（第7条第2款）；{#referral}与{/referral}之间的内容仅在是时出现，{^referral}与{/referral}之间的仅在否时出现',
    'Whether the letter goes to a district bureau that has not answered its referral letter (Art. 7.2); what lies between {#referral} and {/referral} appears only then, between {^referral} and {/referral} only otherwise',
    false,
  ),
  assignmentNo,
  assignedOn: documentDate('交办日期', 'Assignment date', '2022年5月10日'),
  referralLetterNo: textField(
    '所督办商函的发文字号，如 正阳园区管委函〔2022〕5号（仅致区级部门时）',
    'Number of the referral letter supervised, e.g. 正阳园区管委函〔2022〕5号 (to a district bureau only)',
    '正阳园区管委函〔2022〕5号',
  ),
  referredOn: documentDate(
    '发函日期（仅致区级部门时）',
    'Date of the referral letter (to a district bureau only)',
    '2022年5月10日',
  ),
  dueDate: documentDate(
    '办结时限，致区级部门时为商函的回复时限',
    "Deadline; to a district bureau, the referral letter's reply date",
    '2022年5月24日',
  ),
  overdueDays: textField('已逾期的工作日数', 'Working days overdue', '3'),
  contactName: textField('督办联系人', 'Contact person for the supervision', '陈昇'),
  contactPhone: textField('督办联系电话', 'Contact phone for the supervision', '79429609'),
  issuedOn: documentDate('成文日期', 'Date of the letter', '2022年5月27日'),
  hasCc,
  ccOffices: ccOffices('抄送督办函', 'supervision letters', '市委督查室'),
};
