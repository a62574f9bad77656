import type { SupervisionLetterData } from '../document-data.js';
import {
  SAMPLE_ASSIGNMENT_NO,
  SAMPLE_ENTERPRISE,
  assignmentNo,
  difficulty,
  documentDate,
  enterpriseName,
  issuingBodyName,
  registrationNo,
} from './common-fields.js';
import type { FieldSpecs } from './field-spec.js';

/** Art. 10: 督办函 for a case not closed on time. */
export const supervisionLetterFields: FieldSpecs<SupervisionLetterData> = {
  issuingBodyName: issuingBodyName('园区服务企业领导小组办公室'),
  letterNo: {
    kind: 'text',
    zh: '发文字号，如 正阳园区管委督〔2022〕3号',
    en: 'Letter number, e.g. 正阳园区管委督〔2022〕3号',
    example: '正阳园区管委督〔2022〕3号',
  },
  parkName: { kind: 'text', zh: '园区名称', en: 'Park name', example: '重庆市正阳工业园区' },
  title: {
    kind: 'text',
    zh: '标题（园区规则 letters.supervision.title）',
    en: "Title (the park's letters.supervision.title)",
    example: '关于督促办理企业困难问题的函',
  },
  addressee: {
    kind: 'text',
    zh: '主送部门（牵头办理部室）',
    en: 'Addressee (the lead department)',
    example: '经济发展部',
  },
  salutation: {
    kind: 'text',
    zh: '称谓行（园区规则 letters.supervision.salutation，已填入主送部门）',
    en: "Salutation (the park's letters.supervision.salutation, addressee filled in)",
    example: '经济发展部：',
  },
  body: {
    kind: 'text',
    zh: '正文（园区规则 letters.supervision.body，已填入企业、交办编号和办结时限）',
    en: "Body (the park's letters.supervision.body with enterprise, assignment number and deadline filled in)",
    example: `我委交办的${SAMPLE_ENTERPRISE}反映的困难问题（交办编号：${SAMPLE_ASSIGNMENT_NO}）办结时限为2022年5月24日，至今尚未办结。请你单位抓紧办理，并将办理情况书面报送园区服务企业领导小组办公室。`,
  },
  closing: {
    kind: 'text',
    zh: '结束语（园区规则 letters.supervision.closing）',
    en: "Closing (the park's letters.supervision.closing)",
    example: '特此督办',
  },
  enterpriseName,
  difficulty,
  registrationNo,
  assignmentNo,
  assignedOn: documentDate('交办日期', 'Assignment date', '2022年5月10日'),
  dueDate: documentDate('办结时限', 'Deadline', '2022年5月24日'),
  overdueDays: { kind: 'text', zh: '已逾期的工作日数', en: 'Working days overdue', example: '3' },
  contactName: { kind: 'text', zh: '督办联系人', en: 'Contact person for the supervision', example: '陈昇' },
  contactPhone: {
    kind: 'text',
    zh: '督办联系电话',
    en: 'Contact phone for the supervision',
    example: '79429609',
  },
  issuedOn: documentDate('成文日期', 'Date of the letter', '2022年5月27日'),
};
