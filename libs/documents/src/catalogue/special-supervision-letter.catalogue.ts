import type { SpecialSupervisionLetterData } from '../document-data.js';
import {
  assignmentNo,
  difficulty,
  documentDate,
  enterpriseName,
  issuingBodyName,
  registrationNo,
} from './common-fields.js';
import { type FieldSpecs, textField } from './field-spec.js';

/** Art. 10: 专项督办函 for incomplete, non-standard or unsatisfactory handling. */
export const specialSupervisionLetterFields: FieldSpecs<SpecialSupervisionLetterData> = {
  issuingBodyName: issuingBodyName('园区服务企业领导小组办公室'),
  letterNo: textField(
    '发文字号，如 正阳园区管委督〔2022〕4号',
    'Letter number, e.g. 正阳园区管委督〔2022〕4号',
    '正阳园区管委督〔2022〕4号',
  ),
  addressee: textField('主送部门（责任部室）', 'Addressee (the responsible department)', '经济发展部'),
  enterpriseName,
  difficulty,
  registrationNo,
  assignmentNo,
  respondedOn: documentDate(
    '责任部门答复企业的日期',
    'Date the department answered the enterprise',
    '2022年5月20日',
  ),
  reasons: {
    kind: 'loop',
    zh: '专项督办的情形（办理不彻底、答复不规范、企业不满意），每项一段',
    en: 'Grounds of the special supervision (incomplete, non-standard reply, unsatisfied), one paragraph each',
    fields: {
      no: textField('序号', 'Number', '1'),
      label: textField('情形', 'Ground', '企业不满意'),
      detail: textField('具体情况', 'Details', '回访时企业表示增容方案仍未确定。'),
    },
    example: [
      { no: '1', label: '办理不彻底', detail: '仅答复已转供电公司办理，未明确增容完成时间。' },
      { no: '2', label: '企业不满意', detail: '2022年5月25日回访时，企业联系人王犇表示不满意。' },
    ],
  },
  replyDueOn: documentDate('重新办理并答复的截止日期', 'Due date of the new answer', '2022年6月2日'),
  leadingGroupOfficeName: textField(
    '服务企业领导小组办公室名称（办理结果报送单位）',
    "Name of the leading group's office (where results are reported)",
    '园区服务企业领导小组办公室',
  ),
  contactName: textField('督办联系人', 'Contact person for the supervision', '周喆'),
  contactPhone: textField('督办联系电话', 'Contact phone for the supervision', '79429609'),
  issuedOn: documentDate('成文日期', 'Date of the letter', '2022年5月26日'),
};
