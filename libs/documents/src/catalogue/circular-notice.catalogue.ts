import type { CircularNoticeData } from '../document-data.js';
import {
  SAMPLE_ASSIGNMENT_NO,
  SAMPLE_ENTERPRISE,
  SAMPLE_REGISTRATION_NO,
  documentDate,
  issuingBodyName,
} from './common-fields.js';
import type { FieldSpecs } from './field-spec.js';

/** Art. 11: 通报 naming a department, its cases and the grounds. */
export const circularNoticeFields: FieldSpecs<CircularNoticeData> = {
  issuingBodyName: issuingBodyName('园区服务企业领导小组办公室'),
  noticeNo: {
    kind: 'text',
    zh: '发文字号，如 正阳园区管委通〔2022〕1号',
    en: 'Notice number, e.g. 正阳园区管委通〔2022〕1号',
    example: '正阳园区管委通〔2022〕1号',
  },
  departmentName: { kind: 'text', zh: '被通报的部门', en: 'The department named', example: '经济发展部' },
  addressee: { kind: 'text', zh: '主送机关', en: 'Addressees', example: '各部、办、中心' },
  content: {
    kind: 'text',
    zh: '通报内容（经办人员撰写的正文，可含换行）',
    en: 'The wording of the notice, written by staff (line breaks kept)',
    example:
      '经济发展部在办理企业反映困难问题过程中，对交办事项久拖不办，经督办后仍未按时办结，经办人赵珺玥未向企业作出答复，影响了企业正常生产经营。',
  },
  grounds: {
    kind: 'loop',
    zh: '通报情形（不服从调度、久拖不办、敷衍塞责），每项一段',
    en: 'Grounds (not following the assignment, long delay, perfunctory handling), one paragraph each',
    fields: { label: { kind: 'text', zh: '情形', en: 'Ground', example: '久拖不办' } },
    example: [{ label: '久拖不办' }, { label: '敷衍塞责' }],
  },
  cases: {
    kind: 'loop',
    zh: '被通报的事项（每项一段）',
    en: 'The cases named (one block each)',
    fields: {
      no: { kind: 'text', zh: '序号（中文数字）', en: 'Number (Chinese numeral)', example: '一' },
      registrationNo: {
        kind: 'text',
        zh: '登记编号',
        en: 'Registration number',
        example: SAMPLE_REGISTRATION_NO,
      },
      assignmentNo: { kind: 'text', zh: '交办编号', en: 'Assignment number', example: SAMPLE_ASSIGNMENT_NO },
      enterpriseName: { kind: 'text', zh: '企业名称', en: 'Enterprise name', example: SAMPLE_ENTERPRISE },
      difficulty: { kind: 'text', zh: '困难问题', en: 'Difficulty', example: '新建厂房用电增容' },
      assignedOn: { kind: 'text', zh: '交办日期', en: 'Assignment date', example: '2022年5月10日' },
      dueOn: { kind: 'text', zh: '办结时限', en: 'Deadline', example: '2022年5月24日' },
      handling: {
        kind: 'text',
        zh: '办理情况',
        en: 'How it was handled',
        example: '经督办后逾期6个工作日仍未办结',
      },
    },
    example: [
      {
        no: '一',
        registrationNo: SAMPLE_REGISTRATION_NO,
        assignmentNo: SAMPLE_ASSIGNMENT_NO,
        enterpriseName: SAMPLE_ENTERPRISE,
        difficulty: '新建厂房用电增容',
        assignedOn: '2022年5月10日',
        dueOn: '2022年5月24日',
        handling: '经督办后逾期6个工作日仍未办结',
      },
      {
        no: '二',
        registrationNo: '企业困难问题〔2022〕第15号',
        assignmentNo: '正阳园区管委交〔2022〕第14号',
        enterpriseName: '重庆旸昇新材料有限公司',
        difficulty: '招工用工缺口约120人',
        assignedOn: '2022年5月12日',
        dueOn: '2022年5月26日',
        handling: '答复企业时未提出具体措施',
      },
    ],
  },
  consequence: {
    kind: 'text',
    zh: '通报处理及要求（如 予以通报批评、限期整改，再次发生的后果）',
    en: 'What follows (e.g. criticism, rectification by a date, what happens if it recurs)',
    example:
      '现对经济发展部予以通报批评。请经济发展部认真整改，于2022年6月10日前将整改情况书面报送园区服务企业领导小组办公室。对交办问题弄虚作假、失密泄密，造成恶劣影响或情节严重的，将提交园区党工委会研究处理。',
  },
  issuedOn: documentDate('成文日期', 'Date of the notice', '2022年6月6日'),
  cc: { kind: 'text', zh: '抄送', en: 'Copied to', example: '园区党工委、管委会领导' },
  printingOffice: {
    kind: 'text',
    zh: '印发机关（版记）',
    en: 'Printing office (imprint)',
    example: '园区服务企业领导小组办公室',
  },
  printedOn: documentDate('印发日期（版记）', 'Printing date (imprint)', '2022年6月6日'),
};
