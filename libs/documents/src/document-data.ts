import type { DocxKind } from './kinds.js';

/*
 * What each document is filled with. Every value is text as it is printed (dates already written
 * 2022年4月20日, numbers already formatted 企业困难问题〔2022〕第12号): the API formats, the template
 * places. Booleans drive conditional sections ({#major}…{/major}); arrays drive loops.
 */

/** A department named in a list (希望协调解决事项的部门, 配合办理部室). */
export interface NamedItem {
  name: string;
}

/** 版记: the offices the rules copy the document on (hasCc false: none, no line). */
export interface CopiedData {
  hasCc: boolean;
  ccOffices: string;
}

/** What every letter (信函格式) states: who writes to whom under which number, on which case, when. */
export interface LetterData {
  issuingBodyName: string;
  letterNo: string;
  addressee: string;
  enterpriseName: string;
  difficulty: string;
  issuedOn: string;
}

/** A letter in the park's own wording (rules.letters) as filled by the API. */
export interface WordedLetterData extends LetterData {
  parkName: string;
  title: string;
  salutation: string;
  body: string;
  closing: string;
}

/** A letter about a registered case, with the staff member to contact. */
export interface CaseLetterData extends LetterData {
  registrationNo: string;
  contactName: string;
  contactPhone: string;
}

/** Attachment 2: 企业反映困难问题登记表. */
export interface RegistrationFormData {
  registrationNo: string;
  categoryLabel: string;
  enterpriseName: string;
  address: string;
  reportedAt: string;
  contactName: string;
  contactTitle: string;
  contactPhone: string;
  contactEmail: string;
  channel: string;
  reportForm: string;
  description: string;
  attachmentsNote: string;
  hopedDepartments: NamedItem[];
  verificationNotes: string;
  policyDiscussion: boolean;
  major: boolean;
  screeningOpinion: string;
  leaderOpinion: string;
  leaderName: string;
  leaderSignedAt: string;
  categoryList: string;
  reportFormList: string;
  registrationNoFormat: string;
}

/** Attachment 3: 企业反映困难问题交办单. */
export interface AssignmentSheetData extends CopiedData {
  assignmentNo: string;
  approverTitle: string;
  approverName: string;
  approvedAt: string;
  difficulty: string;
  enterpriseName: string;
  address: string;
  contactName: string;
  contactPhone: string;
  leadDepartment: string;
  /** The heading of the other departments' row: 配合办理部室, or the park's tiers (分办、协办部室). */
  cooperatingLabel: string;
  cooperatingDepartments: NamedItem[];
  assignedOn: string;
  dueOn: string;
  registrationNo: string;
  major: boolean;
  remarks: string;
  assignmentNoFormat: string;
}

/** One row of the issue list attached to a referral letter (Art. 7.2: 发函时附企业困难问题清单). */
export interface ReferralIssueItem {
  no: string;
  registrationNo: string;
  enterpriseName: string;
  difficulty: string;
  contact: string;
}

/** Art. 7.2 and Attachment 4: letter to a district bureau. */
export interface ReferralLetterData extends WordedLetterData {
  replyPeriod: string;
  replyDueOn: string;
  serviceCenterName: string;
  serviceCenterHotline: string;
  enterpriseContactName: string;
  enterpriseContactPhone: string;
  issues: ReferralIssueItem[];
  ccOffices: string;
  major: boolean;
  majorCcOffices: string;
}

/** Art. 10: 对未按时办结的困难问题，及时发函督办. */
export interface SupervisionLetterData extends WordedLetterData, CaseLetterData, CopiedData {
  /** Whether the addressee is a bureau that has not answered its referral letter (Art. 7.2). */
  referral: boolean;
  /** Of an assigned case (empty for a referral). */
  assignmentNo: string;
  assignedOn: string;
  /** Of a referral (empty for an assigned case). */
  referralLetterNo: string;
  referredOn: string;
  /** The deadline missed: the handling deadline, or the referral letter's reply date. */
  dueDate: string;
  overdueDays: string;
}

/** 移交函: an overdue case its supervision letter did not move, to an outside office (督查室、效能办…). */
export interface HandoverLetterData extends CaseLetterData, CopiedData {
  /** Who was to answer: the lead department, or the bureaus that have not replied. */
  responsibleUnit: string;
  /** The assignment sheet's or referral letter's number the case was handled under. */
  handlingNo: string;
  dueDate: string;
  supervisionLetterNo: string;
  supervisedOn: string;
  overdueDays: string;
}

/** One ground of a special supervision (办理不彻底、答复不规范、企业不满意). */
export interface SupervisionReasonItem {
  no: string;
  label: string;
  detail: string;
}

/** Art. 10: 对问题办理不彻底、答复不规范、企业不满意的，实行专项督办. */
export interface SpecialSupervisionLetterData extends CaseLetterData {
  assignmentNo: string;
  respondedOn: string;
  reasons: SupervisionReasonItem[];
  replyDueOn: string;
  leadingGroupOfficeName: string;
}

export interface CircularNoticeGroundItem {
  label: string;
}

/** A case named by a circular notice. */
export interface CircularNoticeCaseItem {
  no: string;
  registrationNo: string;
  assignmentNo: string;
  enterpriseName: string;
  difficulty: string;
  assignedOn: string;
  dueOn: string;
  handling: string;
}

/** Art. 11: 不服从调度、久拖不办、敷衍塞责的情形…进行通报. */
export interface CircularNoticeData {
  issuingBodyName: string;
  noticeNo: string;
  departmentName: string;
  addressee: string;
  content: string;
  grounds: CircularNoticeGroundItem[];
  cases: CircularNoticeCaseItem[];
  consequence: string;
  issuedOn: string;
  cc: string;
  printingOffice: string;
  printedOn: string;
}

export interface DocxDataByKind {
  REGISTRATION_FORM: RegistrationFormData;
  ASSIGNMENT_SHEET: AssignmentSheetData;
  REFERRAL_LETTER: ReferralLetterData;
  SUPERVISION_LETTER: SupervisionLetterData;
  SPECIAL_SUPERVISION_LETTER: SpecialSupervisionLetterData;
  CIRCULAR_NOTICE: CircularNoticeData;
  HANDOVER_LETTER: HandoverLetterData;
}

export type DocxData<K extends DocxKind = DocxKind> = DocxDataByKind[K];
