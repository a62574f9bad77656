import type { AssignmentSheetData } from '../document-data.js';
import {
  assignmentNo,
  ccOffices,
  hasCc,
  enterpriseAddress,
  enterpriseName,
  major,
  registrationNo,
  SAMPLE_DESCRIPTION,
  SAMPLE_DIFFICULTY,
} from './common-fields.js';
import { type FieldSpecs, textField } from './field-spec.js';

/** Attachment 3: 企业反映困难问题交办单. */
export const assignmentSheetFields: FieldSpecs<AssignmentSheetData> = {
  assignmentNo,
  approverTitle: textField(
    '交办领导职务（第7条：分管企业服务领导或常务副主任）',
    "Approving leader's position (Art. 7: leader in charge or executive deputy director)",
    '常务副主任',
  ),
  approverName: textField('交办领导姓名（签字处）', "Approving leader's name (signature)", '张旸'),
  approvedAt: textField('审批时间', 'Time of approval', '2022年5月10日 17:05'),
  // The matter in full: the department handles what the enterprise reported, not only its title.
  difficulty: textField(
    '需要办理或协调解决事项（事项标题及企业反映的详细情况）',
    'What is to be handled (the title and the difficulty as the enterprise described it)',
    `${SAMPLE_DIFFICULTY}：${SAMPLE_DESCRIPTION}`,
  ),
  enterpriseName,
  address: enterpriseAddress,
  contactName: textField('企业联系人', "Enterprise's contact person", '王犇'),
  contactPhone: textField('联系电话', 'Contact phone', '13908260001'),
  leadDepartment: textField('牵头办理部室', 'Lead department', '经济发展部'),
  cooperatingLabel: textField(
    '其他承办部室栏目名（配合办理部室，或园区的分办、协办等）',
    "Heading of the other departments' row (the park's tiers)",
    '配合办理部室',
  ),
  cooperatingDepartments: {
    kind: 'loop',
    zh: '配合办理部室（每项一个部室；分办、协办部室附其承办方式和报送时限）',
    en: 'Cooperating departments (one item per department; split and assisting ones with their tier and clock)',
    fields: { name: textField('部室名称', 'Department name', '规划建设部') },
    example: [{ name: '规划建设部' }, { name: '安全环保部' }],
  },
  assignedOn: textField('交办日期', 'Assignment date', '2022年5月10日'),
  dueOn: textField('办结时限', 'Deadline', '2022年5月24日'),
  registrationNo,
  major,
  remarks: textField('备注', 'Remarks', '请牵头部室主动上门协调对接。'),
  assignmentNoFormat: textField(
    '表注：交办编号格式',
    'Form note: the assignment number format',
    '正阳园区管委交〔20XX〕第XX号',
  ),
  hasCc,
  ccOffices: ccOffices('抄送交办单', 'assignment sheets', '市委督查室、区效能办'),
};
