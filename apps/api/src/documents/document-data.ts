import {
  CalendarDataMissingError,
  CASE_STATUS_LABELS,
  CIRCULAR_NOTICE_GROUNDS,
  defaultTier,
  describeDuration,
  fillLetterText,
  isoDateInChina,
  reportsPart,
  ROLE_LABELS,
  supervisionWording,
  type CaseStatus,
  type LetterPlaceholder,
  type LetterWording,
  type Role,
  type WorkingDayCalendar,
} from '@qifu/domain';
import {
  chineseDate,
  chineseDateTime,
  chineseNumeral,
  type AssignmentSheetData,
  type CircularNoticeData,
  type HandoverLetterData,
  type ReferralLetterData,
  type RegistrationFormData,
  type SpecialSupervisionLetterData,
  type SupervisionLetterData,
} from '@qifu/documents';
import { signOffsOf } from '../cases/approval-chain.js';
import type { CaseFacts, FactDocument, FactEvent, FactNotice } from './document-facts.js';

/*
 * Each document's data from the case, its events, the park's rules of the case's version and the
 * numbers: values formatted as they are printed (libs/documents places them).
 */

/** Art. 10: 办理不彻底、答复不规范、企业不满意. */
const SPECIAL_SUPERVISION_GROUNDS: Record<string, string> = {
  INCOMPLETE: '办理不彻底',
  NON_STANDARD_REPLY: '答复不规范',
  UNSATISFIED: '企业不满意',
};

/** The rulebook's addressees of a notice to the committee's units (正阳园区管委发〔2022〕6号). */
const NOTICE_ADDRESSEE = '各部、办、中心';

const dateOf = (iso: string | null | undefined): string => (iso ? chineseDate(iso) : '');
const dayOf = (at: Date): string => chineseDate(isoDateInChina(at));

/** A numbering format as the forms' notes print it: 企业困难问题〔20XX〕第XX号. */
function formatNote(format: string): string {
  return format.replace(/\{year[^{}]*\}/g, '20XX').replace(/\{seq[^{}]*\}/g, 'XX');
}

function lastEvent(facts: CaseFacts, type: string, atOrBefore?: Date): FactEvent | undefined {
  return facts.events.filter((e) => e.type === type && (!atOrBefore || e.occurredAt <= atOrBefore)).at(-1);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The sign-offs of the case's approval chain (会签), in step order, as recorded up to `atOrBefore`. */
function chainSignOffs(facts: CaseFacts, atOrBefore?: Date): FactEvent[] {
  const events = atOrBefore ? facts.events.filter((e) => e.occurredAt <= atOrBefore) : facts.events;
  return [...signOffsOf(events).entries()].sort(([a], [b]) => a - b).map(([, event]) => event);
}

/** 分管领导（张三）：同意 — one sign-off of a chain of several, as the forms list them. */
function signOffLine(event: FactEvent): string {
  const role = ROLE_LABELS[text(event.data.approverRole) as Role]?.zh ?? '';
  const opinion = text(event.data.opinion);
  return `${role}（${event.actorName ?? ''}，${chineseDateTime(event.occurredAt)}）${opinion ? `：${opinion}` : ''}`;
}

function departmentNames(facts: CaseFacts, ids: readonly unknown[]): string[] {
  return ids
    .filter((id): id is string => typeof id === 'string')
    .map((id) => facts.departments.get(id) ?? '');
}

function labelOf(list: readonly { code: string; labelZh: string }[], code: string): string {
  return list.find((item) => item.code === code)?.labelZh ?? code;
}

/** The latest assignment sheet of the case, if it has one. */
function assignmentSheet(facts: CaseFacts): FactDocument | undefined {
  return facts.documents.filter((d) => d.kind === 'ASSIGNMENT_SHEET').at(-1);
}

/** Working days after `dueOn` up to `on`; empty when the holiday data does not reach that far. */
function workingDaysOverdue(calendar: WorkingDayCalendar, dueOn: string, on: string): string {
  try {
    let count = 0;
    const day = new Date(`${dueOn}T00:00:00Z`);
    const end = new Date(`${on}T00:00:00Z`);
    for (day.setUTCDate(day.getUTCDate() + 1); day <= end; day.setUTCDate(day.getUTCDate() + 1)) {
      if (calendar.isWorkingDay(day.toISOString().slice(0, 10))) count++;
    }
    return String(count);
  } catch (error) {
    if (error instanceof CalendarDataMissingError) return '';
    throw error;
  }
}

/**
 * The departments of an assignment besides the lead, under the heading of the park's tiers: a
 * department of the default (配合) tier by its name, the others with their tier and, for split and
 * assisting ones, the date their part is due — 财政金融部（分办，2026年3月17日前报送）.
 */
function otherDepartments(
  facts: CaseFacts,
  sheet: FactDocument,
): Pick<AssignmentSheetData, 'cooperatingLabel' | 'cooperatingDepartments'> {
  const { rules } = facts;
  const ids = Array.isArray(sheet.data.cooperatingDepartmentIds) ? sheet.data.cooperatingDepartmentIds : [];
  const tiers = (sheet.data.departmentTiers ?? {}) as Record<string, string>;
  const dues = (sheet.data.tierDueOn ?? {}) as Record<string, string | null>;
  const fallback = defaultTier(rules);
  const others = rules.assignmentTiers.filter((tier) => tier.role !== 'LEAD');
  const cooperatingLabel =
    others.length === 1 && others[0] === fallback
      ? `${fallback.labelZh}办理部室`
      : `${others.map((tier) => tier.labelZh).join('、')}部室`;
  const cooperatingDepartments = departmentNames(facts, ids).map((name, i) => {
    const tier = rules.assignmentTiers.find((t) => t.code === tiers[ids[i] as string]) ?? fallback;
    if (!tier || tier === fallback) return { name };
    if (!reportsPart(tier)) return { name: `${name}（${tier.labelZh}）` };
    const due = dues[ids[i] as string];
    return { name: `${name}（${tier.labelZh}，${due ? `${dateOf(due)}前报送` : '报送期限待定'}）` };
  });
  return { cooperatingLabel, cooperatingDepartments };
}

/** A document's due date, or 期限待定 with the year whose holiday data it waits for. */
function dueText(document: FactDocument): string {
  if (document.dueOn) return dateOf(document.dueOn);
  const year = document.data.pendingDeadlineYear;
  return typeof year === 'number' ? `期限待定（缺少${year}年节假日数据）` : '';
}

/** 版记: the offices a document names in its `cc` (codes of the case's rules), by their names. */
function ccLine(facts: CaseFacts, document: FactDocument): { hasCc: boolean; ccOffices: string } {
  const codes = Array.isArray(document.data.cc) ? (document.data.cc as unknown[]) : [];
  const names = facts.rules.ccOffices.filter((o) => codes.includes(o.code)).map((o) => o.name);
  return { hasCc: names.length > 0, ccOffices: names.join('、') };
}

function letterValues(facts: CaseFacts, extra: Partial<Record<LetterPlaceholder, string>>) {
  return {
    parkName: facts.parkName,
    enterpriseName: facts.row.enterprise_name,
    difficulty: facts.row.title,
    issuingBodyName: facts.rules.contacts.issuingBodyName,
    replyPeriod: describeDuration(facts.rules.deadlines.referralReply),
    ...extra,
  };
}

/**
 * What a letter about the case says first: its number, the park, the addressee, the park's wording
 * filled with `values`, and the enterprise and its difficulty.
 */
function letterOpening(
  facts: CaseFacts,
  letter: FactDocument,
  addressee: string,
  wording: LetterWording,
  values: Partial<Record<LetterPlaceholder, string>>,
) {
  return {
    letterNo: letter.number,
    parkName: facts.parkName,
    title: fillLetterText(wording.title, values),
    addressee,
    salutation: fillLetterText(wording.salutation, values),
    body: fillLetterText(wording.body, values),
    closing: fillLetterText(wording.closing, values),
    enterpriseName: facts.row.enterprise_name,
    difficulty: facts.row.title,
  };
}

export function registrationFormData(facts: CaseFacts): RegistrationFormData {
  const { row, rules } = facts;
  const verified = lastEvent(facts, 'CaseVerified');
  const screened = lastEvent(facts, 'CaseScreened');
  const signOffs = chainSignOffs(facts);
  const approved = signOffs.at(-1);
  // A chain of several sign-offs: each one's opinion, and every signer.
  const several = signOffs.length > 1;
  return {
    registrationNo: row.registration_no,
    categoryLabel: labelOf(rules.categories, row.category_code),
    enterpriseName: row.enterprise_name,
    address: row.enterprise_address,
    reportedAt: chineseDateTime(row.reported_at),
    contactName: row.contact_name,
    contactTitle: row.contact_title ?? '',
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email ?? '',
    channel: labelOf(rules.intakeChannels, row.channel_code),
    reportForm: labelOf(rules.reportForms, row.report_form_code),
    description: row.description,
    attachmentsNote: facts.attachmentNames.join('、'),
    hopedDepartments: departmentNames(facts, row.hoped_department_ids).map((name) => ({ name })),
    verificationNotes: text(verified?.data.notes),
    policyDiscussion: row.policy_heavy,
    major: row.major,
    screeningOpinion: text(screened?.data.opinion),
    leaderOpinion: several ? signOffs.map(signOffLine).join('；') : text(approved?.data.opinion),
    leaderName: several ? signOffs.map((e) => e.actorName ?? '').join('、') : (approved?.actorName ?? ''),
    leaderSignedAt: approved ? chineseDateTime(approved.occurredAt) : '',
    categoryList: rules.categories
      .filter((c) => c.active)
      .map((c) => c.labelZh)
      .join('、'),
    reportFormList: rules.reportForms
      .filter((f) => f.active)
      .map((f) => f.labelZh)
      .join('、'),
    registrationNoFormat: formatNote(rules.numbering.REGISTRATION.format),
  };
}

export function assignmentSheetData(facts: CaseFacts, sheet: FactDocument): AssignmentSheetData {
  const { row, rules } = facts;
  // The chain whose last sign-off issued this sheet (written in the same transaction); none when
  // the route has no sign-off and the service center assigned the case at screening.
  const signOffs = chainSignOffs(facts, sheet.createdAt);
  const approved = signOffs.at(-1) ?? lastEvent(facts, 'CaseScreened', sheet.createdAt);
  const approverRole = text(sheet.data.approverRole) as Role;
  const opinion = text(signOffs.at(-1)?.data.opinion);
  const approval =
    signOffs.length === 0
      ? `未经审签，由${rules.contacts.serviceCenterName}直接交办`
      : signOffs.length > 1
        ? `会签：${signOffs.map(signOffLine).join('；')}`
        : opinion && `审批意见：${opinion}`;
  return {
    assignmentNo: sheet.number,
    approverTitle:
      signOffs.length === 0 ? rules.contacts.serviceCenterName : (ROLE_LABELS[approverRole]?.zh ?? ''),
    approverName: approved?.actorName ?? '',
    approvedAt: approved ? chineseDateTime(approved.occurredAt) : '',
    // The matter in full: the department handles what the enterprise reported, not only its title.
    difficulty: `${row.title}：${row.description}`,
    enterpriseName: row.enterprise_name,
    address: row.enterprise_address,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    leadDepartment: sheet.departmentId ? (facts.departments.get(sheet.departmentId) ?? '') : '',
    ...otherDepartments(facts, sheet),
    assignedOn: dateOf(sheet.issuedOn),
    dueOn: dueText(sheet),
    registrationNo: row.registration_no,
    major: row.major,
    remarks: [row.urgent ? '紧急事项' : '', approval].filter(Boolean).join('；'),
    assignmentNoFormat: formatNote(rules.numbering.ASSIGNMENT.format),
    ...ccLine(facts, sheet),
  };
}

export function referralLetterData(facts: CaseFacts, letter: FactDocument): ReferralLetterData {
  const { row, rules } = facts;
  const wording = rules.letters.referral;
  const addressee = letter.departmentId ? (facts.departments.get(letter.departmentId) ?? '') : '';
  const values = letterValues(facts, { addressee });
  const cc = Array.isArray(letter.data.cc) ? (letter.data.cc as string[]) : [];
  const offices = rules.ccOffices.filter((office) => cc.includes(office.code));
  const always = offices.filter((o) => o.when === 'ALWAYS').map((o) => o.name);
  const majorOnly = offices.filter((o) => o.when !== 'ALWAYS').map((o) => o.name);
  return {
    issuingBodyName: rules.contacts.issuingBodyName,
    ...letterOpening(facts, letter, addressee, wording, values),
    replyPeriod: values.replyPeriod,
    replyDueOn: dueText(letter),
    serviceCenterName: rules.contacts.serviceCenterName,
    serviceCenterHotline: rules.contacts.serviceCenterHotline,
    enterpriseContactName: row.contact_name,
    enterpriseContactPhone: row.contact_phone,
    issues: [
      {
        no: '1',
        registrationNo: row.registration_no,
        enterpriseName: row.enterprise_name,
        difficulty: row.title,
        // The number on a line of its own: a line is never broken at its hyphen (023-79420001).
        contact: `${row.contact_name}\n${row.contact_phone}`,
      },
    ],
    issuedOn: dateOf(letter.issuedOn),
    ccOffices: always.join('、'),
    // Art. 7.2: 重难点事项一并抄告区整顿办 (the offices the approval copied for a major case).
    major: row.major && majorOnly.length > 0,
    majorCcOffices: majorOnly.join('、'),
  };
}

/** The addressees of a supervision: its department, else the bureaus the case was referred to. */
function supervisedNames(facts: CaseFacts, departmentId: string | null): string {
  if (departmentId) return facts.departments.get(departmentId) ?? '';
  const state = facts.row.state as { referredDepartmentIds?: string[] };
  return departmentNames(facts, state.referredDepartmentIds ?? []).join('、');
}

/** The referral letter (Art. 7.2) a supervision letter to a bureau follows up: the last one it got. */
function referralLetterTo(facts: CaseFacts, letter: FactDocument): FactDocument | undefined {
  if (!letter.departmentId) return undefined;
  return facts.documents
    .filter(
      (d) =>
        d.kind === 'REFERRAL_LETTER' &&
        d.departmentId === letter.departmentId &&
        d.createdAt <= letter.createdAt,
    )
    .at(-1);
}

/**
 * Art. 10: to the department the case was assigned to, citing the assignment sheet; to a bureau
 * that has not answered, citing the referral letter it was sent, in the park's wording for each.
 */
export function supervisionLetterData(facts: CaseFacts, letter: FactDocument): SupervisionLetterData {
  const { row, rules } = facts;
  const referral = referralLetterTo(facts, letter);
  const sheet = referral ? undefined : assignmentSheet(facts);
  const wording = supervisionWording(rules.letters, referral ? 'REFERRED_BUREAU' : 'ASSIGNEE');
  const dueOn = text(letter.data.overdueSince) || (referral?.dueOn ?? sheet?.dueOn ?? '');
  const addressee = supervisedNames(facts, letter.departmentId);
  const cited = {
    assignmentNo: sheet?.number ?? '',
    assignedOn: dateOf(sheet?.issuedOn),
    referralLetterNo: referral?.number ?? '',
    referredOn: dateOf(referral?.issuedOn),
  };
  const values = letterValues(facts, {
    addressee,
    assignmentNo: cited.assignmentNo,
    dueDate: dateOf(dueOn),
    referralLetterTitle: referral
      ? fillLetterText(rules.letters.referral.title, letterValues(facts, { addressee }))
      : '',
    referralLetterNo: cited.referralLetterNo,
    referredOn: cited.referredOn,
  });
  return {
    issuingBodyName: rules.contacts.leadingGroupOfficeName,
    ...letterOpening(facts, letter, addressee, wording, values),
    registrationNo: row.registration_no,
    referral: referral !== undefined,
    ...cited,
    dueDate: dateOf(dueOn),
    overdueDays: dueOn ? workingDaysOverdue(facts.calendar, dueOn, letter.issuedOn) : '',
    contactName: facts.issuerName,
    contactPhone: rules.contacts.serviceCenterHotline,
    issuedOn: dateOf(letter.issuedOn),
    ...ccLine(facts, letter),
  };
}

/**
 * 移交函: to the outside office, citing the deadline missed, who missed it, the number the case was
 * handled under and the supervision letter that did not move it.
 */
export function handoverLetterData(facts: CaseFacts, letter: FactDocument): HandoverLetterData {
  const { row, rules } = facts;
  const dueOn = text(letter.data.overdueSince);
  const addressees = Array.isArray(letter.data.addresseeDepartmentIds)
    ? letter.data.addresseeDepartmentIds
    : [];
  const earlier = (kind: string) =>
    facts.documents.filter((d) => d.kind === kind && d.createdAt <= letter.createdAt);
  const supervision = earlier('SUPERVISION_LETTER')
    .filter((d) => text(d.data.overdueSince) === dueOn)
    .at(-1);
  const handlingNos =
    row.jurisdiction === 'DISTRICT'
      ? earlier('REFERRAL_LETTER')
          .filter((d) => d.departmentId !== null && addressees.includes(d.departmentId))
          .map((d) => d.number)
      : [assignmentSheet(facts)?.number ?? ''];
  return {
    issuingBodyName: rules.contacts.issuingBodyName,
    letterNo: letter.number,
    addressee: text(letter.data.officeName),
    enterpriseName: row.enterprise_name,
    difficulty: row.title,
    registrationNo: row.registration_no,
    responsibleUnit: departmentNames(facts, addressees).filter(Boolean).join('、'),
    handlingNo: handlingNos.filter(Boolean).join('、'),
    dueDate: dateOf(dueOn),
    supervisionLetterNo: supervision?.number ?? '',
    supervisedOn: dateOf(supervision?.issuedOn),
    overdueDays: dueOn ? workingDaysOverdue(facts.calendar, dueOn, letter.issuedOn) : '',
    contactName: facts.issuerName,
    contactPhone: rules.contacts.serviceCenterHotline,
    issuedOn: dateOf(letter.issuedOn),
    ...ccLine(facts, letter),
  };
}

export function specialSupervisionLetterData(
  facts: CaseFacts,
  event: FactEvent,
  letterNo: string,
): SpecialSupervisionLetterData {
  const { row, rules } = facts;
  const sheet = assignmentSheet(facts);
  const before = facts.events.filter((e) => e.occurredAt <= event.occurredAt);
  const answered = before
    .filter((e) => e.type === 'ResultSubmitted' || e.type === 'ReferralReplyRecorded')
    .at(-1);
  const respondedOn = answered ? text(answered.data.repliedOn) || isoDateInChina(answered.occurredAt) : '';
  const eventDay = isoDateInChina(event.occurredAt);
  // The deadline the special supervision opened (the department's or the bureaus' new answer).
  const reopened = row.deadlines.find(
    (d) => d.from === eventDay && (d.stage === 'departmentReply' || d.stage === 'referralReply'),
  );
  const addressees = Array.isArray(event.data.addresseeDepartmentIds)
    ? event.data.addresseeDepartmentIds
    : [];
  const ground = text(event.data.event);
  return {
    issuingBodyName: rules.contacts.leadingGroupOfficeName,
    letterNo,
    addressee: departmentNames(facts, addressees).filter(Boolean).join('、'),
    enterpriseName: row.enterprise_name,
    difficulty: row.title,
    registrationNo: row.registration_no,
    assignmentNo: sheet?.number ?? '',
    respondedOn: dateOf(respondedOn),
    reasons: [
      { no: '1', label: SPECIAL_SUPERVISION_GROUNDS[ground] ?? ground, detail: text(event.data.reason) },
    ],
    replyDueOn: dateOf(reopened?.dueOn),
    leadingGroupOfficeName: rules.contacts.leadingGroupOfficeName,
    contactName: facts.issuerName,
    contactPhone: rules.contacts.serviceCenterHotline,
    issuedOn: dayOf(event.occurredAt),
  };
}

export function circularNoticeData(
  facts: CaseFacts,
  notice: FactNotice,
  noticeNo: string,
): CircularNoticeData {
  const { rules } = facts;
  const office = rules.contacts.leadingGroupOfficeName;
  const issuedOn = dayOf(new Date(notice.issuedAt));
  return {
    issuingBodyName: office,
    noticeNo,
    departmentName: notice.departmentName,
    addressee: NOTICE_ADDRESSEE,
    content: notice.content,
    grounds: notice.grounds.map((g) => ({
      label: CIRCULAR_NOTICE_GROUNDS[g as keyof typeof CIRCULAR_NOTICE_GROUNDS]?.zh ?? g,
    })),
    cases: notice.cases.map((c, i) => ({
      no: chineseNumeral(Math.min(i + 1, 99)),
      registrationNo: c.registrationNo,
      assignmentNo: c.assignmentNo ?? '',
      enterpriseName: c.enterpriseName,
      difficulty: c.title,
      assignedOn: dateOf(c.assignedOn),
      dueOn: dateOf(c.dueOn),
      handling: CASE_STATUS_LABELS[c.status as CaseStatus]?.zh ?? c.status,
    })),
    // Art. 11: the notice criticises the department and asks for its rectification in writing.
    consequence: `现对${notice.departmentName}予以通报。请${notice.departmentName}认真整改，并将整改情况书面报送${office}。`,
    issuedOn,
    cc: `${facts.parkName}党工委、管委会领导`,
    printingOffice: rules.contacts.issuingOfficeName,
    printedOn: issuedOn,
  };
}
