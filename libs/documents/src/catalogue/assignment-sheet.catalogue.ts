import type { AssignmentSheetData } from '../document-data.js';
import {
  assignmentNo,
  ccOffices,
  difficulty,
  hasCc,
  enterpriseAddress,
  enterpriseName,
  major,
  registrationNo,
} from './common-fields.js';
import type { FieldSpecs } from './field-spec.js';

/** Attachment 3: 企业反映困难问题交办单. */
export const assignmentSheetFields: FieldSpecs<AssignmentSheetData> = {
  assignmentNo,
  approverTitle: {
    kind: 'text',
    zh: '交办领导职务（第7条：分管企业服务领导或常务副主任）',
    en: "Approving leader's position (Art. 7: leader in charge or executive deputy director)",
    example: '常务副主任',
  },
  approverName: {
    kind: 'text',
    zh: '交办领导姓名（签字处）',
    en: "Approving leader's name (signature)",
    example: '张旸',
  },
  approvedAt: { kind: 'text', zh: '审批时间', en: 'Time of approval', example: '2022年5月10日 17:05' },
  difficulty,
  enterpriseName,
  address: enterpriseAddress,
  contactName: { kind: 'text', zh: '企业联系人', en: "Enterprise's contact person", example: '王犇' },
  contactPhone: { kind: 'text', zh: '联系电话', en: 'Contact phone', example: '13908260001' },
  leadDepartment: { kind: 'text', zh: '牵头办理部室', en: 'Lead department', example: '经济发展部' },
  cooperatingLabel: {
    kind: 'text',
    zh: '其他承办部室栏目名（配合办理部室，或园区的分办、协办等）',
    en: "Heading of the other departments' row (the park's tiers)",
    example: '配合办理部室',
  },
  cooperatingDepartments: {
    kind: 'loop',
    zh: '配合办理部室（每项一个部室；分办、协办部室附其承办方式和报送时限）',
    en: 'Cooperating departments (one item per department; split and assisting ones with their tier and clock)',
    fields: { name: { kind: 'text', zh: '部室名称', en: 'Department name', example: '规划建设部' } },
    example: [{ name: '规划建设部' }, { name: '安全环保部' }],
  },
  assignedOn: { kind: 'text', zh: '交办日期', en: 'Assignment date', example: '2022年5月10日' },
  dueOn: { kind: 'text', zh: '办结时限', en: 'Deadline', example: '2022年5月24日' },
  registrationNo,
  major,
  remarks: { kind: 'text', zh: '备注', en: 'Remarks', example: '请牵头部室主动上门协调对接。' },
  assignmentNoFormat: {
    kind: 'text',
    zh: '表注：交办编号格式',
    en: 'Form note: the assignment number format',
    example: '正阳园区管委交〔20XX〕第XX号',
  },
  hasCc,
  ccOffices: ccOffices('抄送交办单', 'assignment sheets', '市委督查室、区效能办'),
};
