import { isoDateInChina } from '../calendar/iso-date.js';
import type { DeadlineStage } from './park-rules.schema.js';

/**
 * What the park tells its people by itself (the deadline jobs): one template per kind, in the
 * park's rules (`notifications.templates`), with these built-in wordings where a park sets none.
 */
export const NOTIFICATION_KINDS = [
  'DEADLINE_REMINDER',
  'OVERDUE_SUPERVISION',
  'REFERRAL_UNANSWERED',
  'B_GRADE_REVIEW',
  'FOLLOW_UP_DUE',
  'DAILY_DIGEST',
  'OFFICE_HANDOVER',
  'PART_REPORTED',
  'REPORTED_TO_LEADER',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** Placeholders a notification's title and body may use; the sender fills them. */
export const NOTIFICATION_PLACEHOLDERS = [
  'registrationNo',
  'enterpriseName',
  'caseTitle',
  'stage',
  'dueOn',
  'departmentName',
  'parkName',
  'recipientName',
  'count',
  'items',
  'officeName',
  'tierLabel',
] as const;
export type NotificationPlaceholder = (typeof NOTIFICATION_PLACEHOLDERS)[number];

export interface NotificationWording {
  titleZh: string;
  bodyZh: string;
  titleEn?: string;
  bodyEn?: string;
}

export const DEFAULT_NOTIFICATION_TEMPLATES: Record<NotificationKind, Required<NotificationWording>> = {
  DEADLINE_REMINDER: {
    titleZh: '办理时限提醒：{registrationNo}',
    bodyZh: '{enterpriseName}反映的困难问题（{registrationNo}）{stage}环节将于{dueOn}到期，请抓紧办理。',
    titleEn: 'Deadline reminder: {registrationNo}',
    bodyEn: 'The {stage} stage of the case {registrationNo} ({enterpriseName}) is due on {dueOn}.',
  },
  OVERDUE_SUPERVISION: {
    titleZh: '超期督办：{registrationNo}',
    bodyZh:
      '{enterpriseName}反映的困难问题（{registrationNo}）{stage}环节已超过办结时限（{dueOn}），园区已发函督办，请立即办理并书面报告办理情况。',
    titleEn: 'Overdue, supervised: {registrationNo}',
    bodyEn:
      'The {stage} stage of the case {registrationNo} ({enterpriseName}) was due on {dueOn}. The park has sent a supervision letter: handle it now and report in writing.',
  },
  REFERRAL_UNANSWERED: {
    titleZh: '商函未回复：{registrationNo}',
    bodyZh:
      '就{enterpriseName}反映的困难问题（{registrationNo}）致{departmentName}的函已超过回复时限（{dueOn}），尚未收到回复，请跟进。',
    titleEn: 'Letter unanswered: {registrationNo}',
    bodyEn:
      'The letter to {departmentName} about the case {registrationNo} ({enterpriseName}) was to be answered by {dueOn}. No reply has been recorded: follow it up.',
  },
  B_GRADE_REVIEW: {
    titleZh: 'B类问题跟踪：{registrationNo}',
    bodyZh:
      '{enterpriseName}反映的困难问题（{registrationNo}）评定为B类（正在解决），请于{dueOn}前复核办理进展。',
    titleEn: 'B-grade review: {registrationNo}',
    bodyEn:
      'The case {registrationNo} ({enterpriseName}) is graded B (being solved): review its progress by {dueOn}.',
  },
  FOLLOW_UP_DUE: {
    titleZh: '回访提醒：{registrationNo}',
    bodyZh:
      '{enterpriseName}反映的困难问题（{registrationNo}）已有办理结果，请于{dueOn}前回访企业并记录满意度。',
    titleEn: 'Follow-up due: {registrationNo}',
    bodyEn: 'Call {enterpriseName} about the case {registrationNo} by {dueOn} and record their satisfaction.',
  },
  DAILY_DIGEST: {
    titleZh: '每日待办：{count}件',
    bodyZh: '{recipientName}，您今日有{count}件企业困难问题待办或即将到期：{items}',
    titleEn: 'Today: {count} cases',
    bodyEn: '{recipientName}, {count} cases are waiting for you or due soon: {items}',
  },
  // To the viewers of an outside office an overdue case is handed over to (移交).
  OFFICE_HANDOVER: {
    titleZh: '超期事项移交：{registrationNo}',
    bodyZh:
      '{parkName}将{enterpriseName}反映的困难问题（{registrationNo}）移交{officeName}：该事项由{departmentName}办理，办结时限为{dueOn}，经发函督办仍未办结。',
    titleEn: 'Overdue case handed over: {registrationNo}',
    bodyEn:
      '{parkName} hands the case {registrationNo} ({enterpriseName}) over to {officeName}: {departmentName} was to finish it by {dueOn} and has not, after a supervision letter.',
  },
  // To whom a split or assisting department reports its part (the service center or the lead department).
  PART_REPORTED: {
    titleZh: '{tierLabel}情况报送：{registrationNo}',
    bodyZh:
      '{departmentName}已报送{enterpriseName}反映的困难问题（{registrationNo}）的{tierLabel}情况，请查阅。',
    titleEn: 'Part reported: {registrationNo}',
    bodyEn:
      '{departmentName} reported its part ({tierLabel}) of the case {registrationNo} ({enterpriseName}).',
  },
  // Art. 6: to the park's leaders in charge, when the service center reports a major, difficult case.
  REPORTED_TO_LEADER: {
    titleZh: '重大疑难问题汇报：{registrationNo}',
    bodyZh:
      '企业服务中心就{enterpriseName}反映的困难问题（{registrationNo}：{caseTitle}）向您汇报，汇报内容见案件记录，请阅示。',
    titleEn: 'Major case reported: {registrationNo}',
    bodyEn:
      'The service center reports the case {registrationNo} ({enterpriseName}: {caseTitle}) to you; the report is on its timeline.',
  },
};

/** How {stage} reads when the sender passes a deadline stage's code. */
export const DEADLINE_STAGE_LABELS: Record<
  DeadlineStage | 'objectionDecision' | 'tierReport',
  { zh: string; en: string }
> = {
  verification: { zh: '核实', en: 'verification' },
  screening: { zh: '甄别', en: 'screening' },
  approval: { zh: '审批', en: 'approval' },
  departmentReply: { zh: '部室办理答复', en: 'department reply' },
  referralReply: { zh: '区级部门复函', en: 'referral reply' },
  followUp: { zh: '跟踪回访', en: 'follow-up' },
  bGradeReviewInterval: { zh: 'B类跟踪复核', en: 'B-grade review' },
  // The clock of an objection's decision (its amount comes from the rules' `objections`).
  objectionDecision: { zh: '交办异议处理', en: 'objection decision' },
  // A split or assisting department's clock (its amount comes from its tier).
  tierReport: { zh: '分办协办报送', en: 'part report' },
};

const PLACEHOLDER = /\{([^{}]*)\}/g;

export function unknownNotificationPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)]
    .map((m) => m[1])
    .filter((name) => !(NOTIFICATION_PLACEHOLDERS as readonly string[]).includes(name));
}

function valueText(name: string, value: unknown, locale: 'zh' | 'en'): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (name === 'stage' && typeof value === 'string' && value in DEADLINE_STAGE_LABELS) {
    return DEADLINE_STAGE_LABELS[value as keyof typeof DEADLINE_STAGE_LABELS][locale];
  }
  // A moment is shown as the day it falls on in the parks' time zone, as deadlines are.
  if (value instanceof Date) return isoDateInChina(value);
  if (Array.isArray(value))
    return value.map((item) => valueText('', item, locale) ?? '').join(locale === 'zh' ? '；' : '; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Fills the placeholders; a value the sender did not give stays visible as {name}. */
export function fillNotificationText(
  text: string,
  values: Record<string, unknown>,
  locale: 'zh' | 'en',
): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => valueText(name, values[name], locale) ?? whole);
}

export interface RenderedNotification {
  title: string;
  body: string;
  /** Null when the park's template has no English wording. */
  titleEn: string | null;
  bodyEn: string | null;
}

/** A notification's texts from its template and the values of its placeholders. */
export function renderNotification(
  template: NotificationWording,
  values: Record<string, unknown>,
): RenderedNotification {
  const english = template.titleEn !== undefined && template.bodyEn !== undefined;
  return {
    title: fillNotificationText(template.titleZh, values, 'zh'),
    body: fillNotificationText(template.bodyZh, values, 'zh'),
    titleEn: english ? fillNotificationText(template.titleEn!, values, 'en') : null,
    bodyEn: english ? fillNotificationText(template.bodyEn!, values, 'en') : null,
  };
}
