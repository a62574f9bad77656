import type { RegistrationFormData } from '../document-data.js';
import { enterpriseAddress, enterpriseName, major, registrationNo } from './common-fields.js';
import type { FieldSpecs } from './field-spec.js';

/** Attachment 2: 企业反映困难问题登记表. */
export const registrationFormFields: FieldSpecs<RegistrationFormData> = {
  registrationNo,
  categoryLabel: { kind: 'text', zh: '问题类别', en: 'Category', example: '用电保障' },
  enterpriseName,
  address: enterpriseAddress,
  reportedAt: { kind: 'text', zh: '反映时间', en: 'Time reported', example: '2022年5月9日 09:30' },
  contactName: { kind: 'text', zh: '企业联系人', en: "Enterprise's contact person", example: '王犇' },
  contactTitle: { kind: 'text', zh: '联系人职务', en: "Contact person's position", example: '行政总监' },
  contactPhone: { kind: 'text', zh: '联系电话', en: 'Contact phone', example: '13908260001' },
  contactEmail: { kind: 'text', zh: '电子邮箱', en: 'E-mail', example: 'wangben@benyao.example.cn' },
  channel: { kind: 'text', zh: '反映渠道（第5条）', en: 'Intake channel (Art. 5)', example: '企业服务热线' },
  reportForm: {
    kind: 'text',
    zh: '反映形式（平台受理、来电反映、电子邮件、来人来函等）',
    en: 'Report form (platform, phone, e-mail, in person or by letter)',
    example: '来电反映',
  },
  description: {
    kind: 'text',
    zh: '企业反映困难问题（详细描述，可含换行）',
    en: 'The difficulty as the enterprise describes it (line breaks kept)',
    example:
      '公司新建二期厂房已竣工，申请将用电容量由800千伏安增至2000千伏安，报装已逾两个月仍未获批复，新生产线无法投产。',
  },
  attachmentsNote: {
    kind: 'text',
    zh: '附件说明（企业提交的材料）',
    en: 'Attachments note (what the enterprise handed in)',
    example: '用电增容申请表、厂房竣工验收备案表',
  },
  hopedDepartments: {
    kind: 'loop',
    zh: '希望协调解决事项的部门（每项一个部门）',
    en: 'Departments the enterprise hopes will help (one item per department)',
    fields: { name: { kind: 'text', zh: '部门名称', en: 'Department name', example: '国网黔江供电公司' } },
    example: [{ name: '国网黔江供电公司' }, { name: '经济发展部' }],
  },
  verificationNotes: {
    kind: 'text',
    zh: '核实情况（第6条：与企业核实详细情况）',
    en: 'Verification notes (Art. 6: details confirmed with the enterprise)',
    example: '经工作人员吴祎于2022年5月9日电话及现场核实，情况属实。',
  },
  policyDiscussion: {
    kind: 'condition',
    zh: '是否政策性较强、已组织讨论（第6条）',
    en: 'Whether the case is policy-heavy and was discussed (Art. 6)',
    example: false,
  },
  major,
  screeningOpinion: {
    kind: 'text',
    zh: '甄别意见（受理与否、办理途径）',
    en: 'Screening opinion (accepted or not, route)',
    example: '属区级部门职能，建议受理，由常务副主任审签后发函国网黔江供电公司。',
  },
  leaderOpinion: { kind: 'text', zh: '分管领导意见', en: "Leader in charge's opinion", example: '同意。' },
  leaderName: {
    kind: 'text',
    zh: '分管领导姓名（签字处）',
    en: "Leader in charge's name (signature)",
    example: '李垚',
  },
  leaderSignedAt: {
    kind: 'text',
    zh: '分管领导签署时间',
    en: "Time of the leader's signature",
    example: '2022年5月10日 16:20',
  },
  categoryList: {
    kind: 'text',
    zh: '表注：本园区的问题类别列表',
    en: "Form note: the park's categories",
    example:
      '政策执行、合同履行、用地审批、用电保障、融资服务、人才服务、招工用工、项目推动、软环境建设、其它',
  },
  reportFormList: {
    kind: 'text',
    zh: '表注：本园区的反映形式列表',
    en: "Form note: the park's report forms",
    example: '平台受理、来电反映、电子邮件、来人来函',
  },
  registrationNoFormat: {
    kind: 'text',
    zh: '表注：登记编号格式',
    en: 'Form note: the registration number format',
    example: '企业困难问题〔20XX〕第XX号',
  },
};
