import type { HandoverLetterData } from '../document-data.js';
import {
  SAMPLE_ASSIGNMENT_NO,
  ccOffices,
  difficulty,
  documentDate,
  enterpriseName,
  hasCc,
  issuingBodyName,
  registrationNo,
} from './common-fields.js';
import { type FieldSpecs, textField } from './field-spec.js';

/**
 * 移交函: an overdue case still not done after its supervision letter (Art. 10), handed over to an
 * outside office that supervises beyond the park (督查室、效能办), as the park's rules provide.
 */
export const handoverLetterFields: FieldSpecs<HandoverLetterData> = {
  issuingBodyName: issuingBodyName('重庆市正阳工业园区管理委员会'),
  letterNo: textField(
    '发文字号，如 移交〔2022〕1号',
    'Letter number, e.g. 移交〔2022〕1号',
    '移交〔2022〕第1号',
  ),
  addressee: textField(
    '主送机关（接收移交的外部督查单位）',
    'Addressee (the outside office the case is handed over to)',
    '市委督查室',
  ),
  enterpriseName,
  difficulty,
  registrationNo,
  responsibleUnit: textField(
    '承办单位（牵头办理部室，或未回复商函的区级部门）',
    'Who was to answer (the lead department, or the district bureaus that have not replied)',
    '经济发展部',
  ),
  handlingNo: textField(
    '交办编号或商函编号',
    'The assignment or referral letter number the case was handled under',
    SAMPLE_ASSIGNMENT_NO,
  ),
  dueDate: documentDate('办结时限（逾期未办结的时限）', 'The deadline missed', '2022年5月24日'),
  supervisionLetterNo: textField(
    '督办函发文字号',
    'Number of the supervision letter',
    '正阳园区管委督〔2022〕3号',
  ),
  supervisedOn: documentDate('督办日期', 'Date of the supervision letter', '2022年5月27日'),
  overdueDays: textField('已逾期的工作日数', 'Working days overdue', '8'),
  contactName: textField('联系人', 'Contact person', '陈昇'),
  contactPhone: textField('联系电话', 'Contact phone', '79429609'),
  issuedOn: documentDate('成文日期', 'Date of the letter', '2022年6月6日'),
  hasCc,
  ccOffices: ccOffices('抄送移交函', 'hand-over letters', '区效能办'),
};
