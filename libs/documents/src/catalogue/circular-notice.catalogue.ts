import type { CircularNoticeData } from '../document-data.js';
import {
  SAMPLE_ASSIGNMENT_NO,
  SAMPLE_ENTERPRISE,
  SAMPLE_REGISTRATION_NO,
  documentDate,
  issuingBodyName,
} from './common-fields.js';
import { type FieldSpecs, textField } from './field-spec.js';

/** Art. 11: 通报 naming a department, its cases and the grounds. */
export const circularNoticeFields: FieldSpecs<CircularNoticeData> = {
  issuingBodyName: issuingBodyName('园区服务企业领导小组办公室'),
  noticeNo: textField(
    '发文字号，如 正阳园区管委通〔2022〕1号',
    'Notice number, e.g. 正阳园区管委通〔2022〕1号',
    '正阳园区管委通〔2022〕1号',
  ),
  departmentName: textField('被通报的部门', 'The department named', '经济发展部'),
  addressee: textField('主送机关', 'Addressees', '各部、办、中心'),
  content: textField(
    '通报内容（经办人员撰写的正文，可含换行）',
    'The wording of the notice, written by staff (line breaks kept)',
    '经济发展部在办理企业反映困难问题过程中，对交办事项久拖不办，经督办后仍未按时办结，经办人赵珺玥未向企业作出答复，影响了企业正常生产经营。',
  ),
  grounds: {
    kind: 'loop',
    zh: '通报情形（不服从调度、久拖不办、敷衍塞责），每项一段',
    en: 'Grounds (not following the assignment, long delay, perfunctory handling), one paragraph each',
    fields: { label: textField('情形', 'Ground', '久拖不办') },
    example: [{ label: '久拖不办' }, { label: '敷衍塞责' }],
  },
  cases: {
    kind: 'loop',
    zh: '被通报的事项（每项一段）',
    en: 'The cases named (one block each)',
    fields: {
      no: textField('序号（中文数字）', 'Number (Chinese numeral)', '一'),
      registrationNo: textField('登记编号', 'Registration number', SAMPLE_REGISTRATION_NO),
      assignmentNo: textField('交办编号', 'Assignment number', SAMPLE_ASSIGNMENT_NO),
      enterpriseName: textField('企业名称', 'Enterprise name', SAMPLE_ENTERPRISE),
      difficulty: textField('困难问题', 'Difficulty', '新建厂房用电增容'),
      assignedOn: textField('交办日期', 'Assignment date', '2022年5月10日'),
      dueOn: textField('办结时限', 'Deadline', '2022年5月24日'),
      handling: textField('办理情况', 'How it was handled', '经督办后逾期6个工作日仍未办结'),
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
  consequence: textField(
    '通报处理及要求（如 予以通报批评、限期整改，再次发生的后果）',
    'What follows (e.g. criticism, rectification by a date, what happens if it recurs)',
    '现对经济发展部予以通报批评。请经济发展部认真整改，于2022年6月10日前将整改情况书面报送园区服务企业领导小组办公室。对交办问题弄虚作假、失密泄密，造成恶劣影响或情节严重的，将提交园区党工委会研究处理。',
  ),
  issuedOn: documentDate('成文日期', 'Date of the notice', '2022年6月6日'),
  cc: textField('抄送', 'Copied to', '园区党工委、管委会领导'),
  printingOffice: textField('印发机关（版记）', 'Printing office (imprint)', '园区服务企业领导小组办公室'),
  printedOn: documentDate('印发日期（版记）', 'Printing date (imprint)', '2022年6月6日'),
};
