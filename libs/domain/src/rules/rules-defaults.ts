import { PARK_ROLES } from '../auth/roles.js';
import { PARK_RULES_SCHEMA_VERSION, type CcOccasion, type ParkRules } from './park-rules.schema.js';

/**
 * What a park's rules hold when its rulebook does not say (schema version 2): the lists and wordings
 * common to the enterprise-difficulty procedures of this family. A park states only what differs;
 * identity (departments, routes, contacts) has no default. Each value is copied before use.
 */
export const RULES_DEFAULTS = {
  categories: [
    { code: 'POLICY_IMPLEMENTATION', labelZh: '政策执行', labelEn: 'Policy implementation', active: true },
    { code: 'CONTRACT_PERFORMANCE', labelZh: '合同履行', labelEn: 'Contract performance', active: true },
    { code: 'LAND_APPROVAL', labelZh: '用地审批', labelEn: 'Land approval', active: true },
    { code: 'POWER_SUPPLY', labelZh: '用电保障', labelEn: 'Power supply', active: true },
    { code: 'FINANCING', labelZh: '融资服务', labelEn: 'Financing', active: true },
    { code: 'TALENT', labelZh: '人才服务', labelEn: 'Talent', active: true },
    { code: 'RECRUITMENT', labelZh: '招工用工', labelEn: 'Recruitment', active: true },
    { code: 'PROJECT_ADVANCEMENT', labelZh: '项目推动', labelEn: 'Project advancement', active: true },
    { code: 'BUSINESS_ENVIRONMENT', labelZh: '营商环境', labelEn: 'Business environment', active: true },
    { code: 'OTHER', labelZh: '其他', labelEn: 'Other', active: true },
  ],
  intakeChannels: [
    {
      code: 'HOTLINE',
      labelZh: '企业服务热线',
      labelEn: 'Enterprise service hotline',
      active: true,
      reportFormCode: 'PHONE',
    },
    {
      code: 'ONLINE_PLATFORM',
      labelZh: '网络平台',
      labelEn: 'Online platform',
      active: true,
      reportFormCode: 'PLATFORM',
    },
    { code: 'SERVICE_HALL', labelZh: '办事大厅', labelEn: 'Service hall', active: true },
    { code: 'ENTERPRISE_VISIT', labelZh: '走访企业', labelEn: 'Visit to the enterprise', active: true },
    { code: 'OTHER', labelZh: '其他方式', labelEn: 'Other', active: true },
  ],
  reportForms: [
    { code: 'PLATFORM', labelZh: '平台受理', labelEn: 'Platform', active: true },
    { code: 'PHONE', labelZh: '来电反映', labelEn: 'Phone', active: true },
    { code: 'EMAIL', labelZh: '电子邮件', labelEn: 'E-mail', active: true },
    { code: 'IN_PERSON_OR_LETTER', labelZh: '来人来函', labelEn: 'In person or by letter', active: true },
  ],
  // Matters settled by statutory channels (诉讼、仲裁、行政复议) are not accepted as cases.
  inadmissibleMatters: [
    { code: 'LITIGATION', labelZh: '诉讼', labelEn: 'Litigation' },
    { code: 'ARBITRATION', labelZh: '仲裁', labelEn: 'Arbitration' },
    { code: 'ADMINISTRATIVE_REVIEW', labelZh: '行政复议', labelEn: 'Administrative review' },
  ],
  ccOffices: [],
  numbering: {
    REGISTRATION: { format: '企业困难问题〔{year}〕第{seq}号', reset: 'YEARLY' },
    ASSIGNMENT: { format: '交办〔{year}〕第{seq}号', reset: 'YEARLY' },
    REFERRAL_LETTER: { format: '函〔{year}〕第{seq}号', reset: 'YEARLY' },
    SUPERVISION_LETTER: { format: '督办〔{year}〕第{seq}号', reset: 'YEARLY' },
    HANDOVER_LETTER: { format: '移交〔{year}〕第{seq}号', reset: 'YEARLY' },
  },
  deadlines: {
    verification: { amount: 1, unit: 'WORKING_DAYS' },
    screening: { amount: 3, unit: 'WORKING_DAYS' },
    approval: { amount: 2, unit: 'WORKING_DAYS' },
    departmentReply: { amount: 10, unit: 'WORKING_DAYS' },
    referralReply: { amount: 5, unit: 'WORKING_DAYS' },
    followUp: { amount: 5, unit: 'WORKING_DAYS' },
    bGradeReviewInterval: { amount: 30, unit: 'CALENDAR_DAYS' },
  },
  calendar: { closures: [], extraWorkdays: [] },
  grades: [
    {
      code: 'A',
      labelZh: '已经解决或基本解决',
      labelEn: 'Solved or basically solved',
      closesCase: true,
      requiresReason: false,
      reviewRequired: false,
    },
    {
      code: 'B',
      labelZh: '正在解决',
      labelEn: 'Being solved',
      closesCase: false,
      requiresReason: false,
      reviewRequired: true,
    },
    {
      code: 'C',
      labelZh: '一时难以解决',
      labelEn: 'Cannot be solved for now',
      closesCase: true,
      requiresReason: true,
      reviewRequired: false,
    },
  ],
  satisfactionScale: [
    { code: 'SATISFIED', labelZh: '满意', labelEn: 'Satisfied', countsAsSatisfied: true },
    {
      code: 'BASICALLY_SATISFIED',
      labelZh: '基本满意',
      labelEn: 'Basically satisfied',
      countsAsSatisfied: true,
    },
    { code: 'UNSATISFIED', labelZh: '不满意', labelEn: 'Unsatisfied', countsAsSatisfied: false },
  ],
  supervisionTriggers: [
    { event: 'OVERDUE', action: 'SUPERVISION', reopensCase: false },
    { event: 'UNSATISFIED', action: 'SPECIAL_SUPERVISION', reopensCase: true },
  ],
  letters: {
    referral: {
      title: '关于协助解决企业困难问题的函',
      salutation: '{addressee}：',
      body: '{parkName}入园企业{enterpriseName}反映，该企业发展遇到{difficulty}困难。望贵单位积极协助解决，并将办理情况以及相关负责人、联系方式于{replyPeriod}内告知我委。',
      closing: '此函',
    },
    supervision: {
      title: '关于督促办理企业困难问题的函',
      salutation: '{addressee}：',
      body: '我委交办的{enterpriseName}反映的困难问题（交办编号：{assignmentNo}）办结时限为{dueDate}，至今尚未办结。请你单位抓紧办理，并将办理情况书面报告。',
      closing: '特此督办',
    },
  },
  templates: {
    REGISTRATION_FORM: null,
    ASSIGNMENT_SHEET: null,
    REFERRAL_LETTER: null,
    SUPERVISION_LETTER: null,
    CIRCULAR_NOTICE: null,
    LEDGER_EXPORT: null,
  },
  extensions: {},
  objections: null,
  caseFlags: [],
  // Art. 6, 9 and 10 as Zhengyang has them: every step for every case.
  steps: { verification: 'REQUIRED', headReview: 'REQUIRED', grading: 'REQUIRED', followUp: 'REQUIRED' },
  followUp: { mode: 'ALL', onUnsatisfied: 'SPECIAL_SUPERVISION' },
  // Art. 2: only enterprises registered and operating in the park.
  admissibility: { notInRegister: 'REJECT' },
  overdueHandover: null,
  assignmentTiers: [
    {
      code: 'LEAD',
      labelZh: '牵头',
      labelEn: 'Lead',
      role: 'LEAD',
      ccOfficeCodes: [],
      supervisedWhenLate: true,
    },
    {
      code: 'COOPERATING',
      labelZh: '配合',
      labelEn: 'Cooperating',
      role: 'COOPERATING',
      ccOfficeCodes: [],
      supervisedWhenLate: false,
    },
  ],
} satisfies Partial<ParkRules>;

/** What a cc office is copied on when its rulebook does not say: referral letters, as Art. 7.2. */
export const CC_OFFICE_DEFAULT_COPIED_ON: readonly CcOccasion[] = ['REFERRAL_LETTER'];

/** Sections whose keys are filled one by one (a park may state one deadline and keep the others). */
const MERGED_BY_KEY = new Set(['numbering', 'deadlines', 'calendar', 'letters', 'templates']);
// The procedure's settings too: a park may state one step's mode and keep the others.
for (const section of ['steps', 'followUp', 'admissibility']) MERGED_BY_KEY.add(section);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Rules as a file or a form gives them, with the defaults filled in where a section (or a key of
 * a keyed section) is left out, and the schema version of an older file brought to the current one
 * (version 1 stated every section, so it only changes its number); a route's single `approverRole`
 * becomes its approval chain; a cc office that does not say what it is copied on is copied on
 * referral letters. Anything that is not a mapping is returned as it is, for the schema to report.
 */
export function withRuleDefaults(input: unknown): unknown {
  if (!isObject(input)) return input;
  const rules: Record<string, unknown> = { ...input };
  if (rules.schemaVersion === 1) rules.schemaVersion = PARK_RULES_SCHEMA_VERSION;
  for (const [section, fallback] of Object.entries(RULES_DEFAULTS)) {
    const given = rules[section];
    if (given === undefined) rules[section] = structuredClone(fallback);
    else if (MERGED_BY_KEY.has(section) && isObject(given))
      rules[section] = { ...structuredClone(fallback), ...given };
  }
  if (Array.isArray(rules.approvalRoutes)) rules.approvalRoutes = rules.approvalRoutes.map(withApprovalSteps);
  if (Array.isArray(rules.ccOffices))
    rules.ccOffices = rules.ccOffices.map((office: unknown) =>
      isObject(office) && office.copiedOn === undefined
        ? { ...office, copiedOn: [...CC_OFFICE_DEFAULT_COPIED_ON] }
        : office,
    );
  return rules;
}

/**
 * A route of a file or stored version written before approval chains names one `approverRole`:
 * that is a chain of one sign-off. An unknown role is left for the schema to report where it was
 * written, and a route that gives both is left for validation to refuse.
 */
function withApprovalSteps(route: unknown): unknown {
  if (!isObject(route) || route.approvalSteps !== undefined) return route;
  const { approverRole, ...rest } = route;
  if (!(PARK_ROLES as readonly unknown[]).includes(approverRole)) return route;
  return { ...rest, approvalSteps: [{ role: approverRole }] };
}
