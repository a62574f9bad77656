import type { RegistrationFormData } from '../document-data.js';
import {
  enterpriseAddress,
  enterpriseName,
  major,
  registrationNo,
  SAMPLE_DESCRIPTION,
} from './common-fields.js';
import { conditionField, type FieldSpecs, textField } from './field-spec.js';

/** Attachment 2: 企业反映困难问题登记表. */
export const registrationFormFields: FieldSpecs<RegistrationFormData> = {
  registrationNo,
  categoryLabel: textField('问题类别', 'Category', '用电保障'),
  enterpriseName,
  address: enterpriseAddress,
  reportedAt: textField('反映时间', 'Time reported', '2022年5月9日 09:30'),
  contactName: textField('企业联系人', "Enterprise's contact person", '王犇'),
  contactTitle: textField('联系人职务', "Contact person's position", '行政总监'),
  contactPhone: textField('联系电话', 'Contact phone', '13908260001'),
  contactEmail: textField('电子邮箱', 'E-mail', 'wangben@benyao.example.cn'),
  channel: textField('反映渠道（第5条）', 'Intake channel (Art. 5)', '企业服务热线'),
  reportForm: textField(
    '反映形式（平台受理、来电反映、电子邮件、来人来函等）',
    'Report form (platform, phone, e-mail, in person or by letter)',
    '来电反映',
  ),
  description: textField(
    '企业反映困难问题（详细描述，可含换行）',
    'The difficulty as the enterprise describes it (line breaks kept)',
    SAMPLE_DESCRIPTION,
  ),
  attachmentsNote: textField(
    '附件说明（企业提交的材料）',
    'Attachments note (what the enterprise handed in)',
    '用电增容申请表、厂房竣工验收备案表',
  ),
  hopedDepartments: {
    kind: 'loop',
    zh: '希望协调解决事项的部门（每项一个部门）',
    en: 'Departments the enterprise hopes will help (one item per department)',
    fields: { name: textField('部门名称', 'Department name', '国网黔江供电公司') },
    example: [{ name: '国网黔江供电公司' }, { name: '经济发展部' }],
  },
  verificationNotes: textField(
    '核实情况（第6条：与企业核实详细情况）',
    'Verification notes (Art. 6: details confirmed with the enterprise)',
    '经工作人员吴祎于2022年5月9日电话及现场核实，情况属实。',
  ),
  policyDiscussion: conditionField(
    '是否政策性较强、已组织讨论（第6条）',
    'Whether the case is policy-heavy and was discussed (Art. 6)',
    false,
  ),
  major,
  screeningOpinion: textField(
    '甄别意见（受理与否、办理途径）',
    'Screening opinion (accepted or not, route)',
    '属区级部门职能，建议受理，由常务副主任审签后发函国网黔江供电公司。',
  ),
  leaderOpinion: textField('分管领导意见', "Leader in charge's opinion", '同意。'),
  leaderName: textField('分管领导姓名（签字处）', "Leader in charge's name (signature)", '李垚'),
  leaderSignedAt: textField('分管领导签署时间', "Time of the leader's signature", '2022年5月10日 16:20'),
  categoryList: textField(
    '表注：本园区的问题类别列表',
    "Form note: the park's categories",
    '政策执行、合同履行、用地审批、用电保障、融资服务、人才服务、招工用工、项目推动、软环境建设、其它',
  ),
  reportFormList: textField(
    '表注：本园区的反映形式列表',
    "Form note: the park's report forms",
    '平台受理、来电反映、电子邮件、来人来函',
  ),
  registrationNoFormat: textField(
    '表注：登记编号格式',
    'Form note: the registration number format',
    '企业困难问题〔20XX〕第XX号',
  ),
};
