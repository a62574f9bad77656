// Art. 5–11 over HTTP, one case per route, in two parks: Zhengyang as seeded (its 2022 rulebook) and
// Wulingshan, onboarded here from infra/parks/wulingshan.yaml. Each case is checked for what its
// users see: registration and document numbers, who signs, deadlines and timeline. Expected due dates
// are computed here with @qifu/domain from the rules the API publishes, never copied from the case.
import fs from 'node:fs';
import {
  addDaysToIsoDate,
  formatNumber,
  LayeredHolidaySource,
  isoDateInChina,
  parseNumber,
  parseNationalScheduleYaml,
  parseParkConfigYaml,
  stageDeadline,
  stageDeadlineOrPending,
  workingDayCalendarFor,
  type DeadlineStage,
  type ParkRules,
  type WorkingDayCalendar,
} from '@qifu/domain';
import { DEMO_PASSWORD, gql, login, type GqlResult } from '../support/api.js';
import { ownerQuery, repoPath, runCli } from '../support/server.js';

/** The national arrangement the API has: the bundled years and the test data global setup imports. */
function testNationalCalendar(): LayeredHolidaySource {
  const parsed = parseNationalScheduleYaml(
    fs.readFileSync(repoPath('tests/fixtures/national-calendar-2027.yaml'), 'utf8'),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return new LayeredHolidaySource([parsed.schedule]);
}

type Person = 'staff' | 'leader' | 'deputy' | 'head' | 'handler';
type Signer = 'leader' | 'deputy';
const PEOPLE: Person[] = ['staff', 'leader', 'deputy', 'head', 'handler'];
const ROLE_OF: Record<Person, string> = {
  staff: 'SERVICE_CENTER_STAFF',
  leader: 'LEADER_IN_CHARGE',
  deputy: 'EXECUTIVE_DEPUTY_DIRECTOR',
  head: 'DEPARTMENT_HEAD',
  handler: 'DEPARTMENT_HANDLER',
};
const otherSigner = (signer: Signer): Signer => (signer === 'leader' ? 'deputy' : 'leader');

interface ParkProfile {
  name: string;
  accounts: Record<Person, string>;
  password: string;
  /** The registration number as the park's registration form spells it. */
  registrationNo(year: number, seq: number): string;
  enterprise: { creditCode: string; name: string; address: string };
  /** Where the head and the handler work. */
  leadDepartment: string;
  cooperatingDepartments: string[];
  bureaus: string[];
  signers: { oneDepartment: Signer; severalDepartments: Signer; district: Signer };
  /** The district matter: whether it is a hard case, and the offices its letters are copied to. */
  district: { major: boolean; cc: string[] };
  referralReplyDays: number;
  /** Makes the park and its people exist. */
  onboard(): Promise<void>;
}

const ZHENGYANG: ParkProfile = {
  name: 'Zhengyang',
  accounts: {
    staff: 'zy.staff',
    leader: 'zy.leader',
    deputy: 'zy.deputy',
    head: 'zy.head',
    handler: 'zy.handler',
  },
  password: DEMO_PASSWORD,
  // Attachment 2, note 2.
  registrationNo: (year, seq) => `企业困难问题〔${year}〕第${seq}号`,
  enterprise: {
    creditCode: '91500114MA5U3XKL2T',
    name: '重庆正阳精密机械有限公司',
    address: '正阳工业园区1号',
  },
  leadDepartment: 'ECONOMIC_DEVELOPMENT',
  cooperatingDepartments: ['FINANCE', 'INVESTMENT_PROMOTION'],
  bureaus: ['DISTRICT_PLANNING_RESOURCES', 'STATE_GRID_QIANJIANG'],
  // Art. 7.1: the leader in charge for the park's remit, the executive deputy director for several
  // departments; Art. 7.2: the executive deputy director for district bureaus.
  signers: { oneDepartment: 'leader', severalDepartments: 'deputy', district: 'deputy' },
  // Art. 7.2: copied to 区民促办, and to 区整顿办 as well for a hard case.
  district: { major: true, cc: ['DISTRICT_PRIVATE_ECONOMY_OFFICE', 'DISTRICT_RECTIFICATION_OFFICE'] },
  // Attachment 4.
  referralReplyDays: 5,
  // Seeded by global setup.
  onboard: async () => undefined,
};

const WULINGSHAN_PASSWORD = 'Wulingshan@2026';
const WULINGSHAN: ParkProfile = {
  name: 'Wulingshan',
  accounts: {
    staff: 'wl.staff',
    leader: 'wl.leader',
    deputy: 'wl.deputy',
    head: 'wl.head',
    handler: 'wl.handler',
  },
  password: WULINGSHAN_PASSWORD,
  registrationNo: (year, seq) => `武陵山园区诉求〔${year}〕${seq}号`,
  enterprise: {
    creditCode: '91500114MA61WL8K0Q',
    name: '重庆武陵山食品有限公司',
    address: '武陵山产业园2号',
  },
  leadDepartment: 'INDUSTRY_DEVELOPMENT',
  cooperatingDepartments: ['CONSTRUCTION_MANAGEMENT', 'ENTERPRISE_SERVICE'],
  bureaus: ['DISTRICT_PLANNING_RESOURCES', 'STATE_GRID_QIANJIANG'],
  // Its district letters are signed by the leader in charge; a major case would take its MAJOR
  // route (the executive deputy director), so its district matter here is an ordinary one.
  signers: { oneDepartment: 'leader', severalDepartments: 'deputy', district: 'leader' },
  district: { major: false, cc: ['DISTRICT_PRIVATE_ECONOMY_OFFICE'] },
  referralReplyDays: 7,
  onboard: onboardWulingshan,
};

/** The platform onboards the park, the operator imports its file, its administrator adds its people. */
async function onboardWulingshan(): Promise<void> {
  const file = repoPath('infra/parks/wulingshan.yaml');
  const parsed = parseParkConfigYaml(fs.readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
  const { park } = parsed.config;

  const platform = await login('platform');
  const { districts } = await data<{ districts: { id: string; code: string }[] }>(
    gql('{ districts { id code } }', {}, platform),
  );
  await data(
    gql(
      'mutation($input: CreateParkInput!) { createPark(input: $input) { id } }',
      {
        input: {
          districtId: districts.find((district) => district.code === park.districtCode)?.id,
          code: park.code,
          name: park.name,
          adminUsername: 'wl.admin',
          adminDisplayName: '武陵山 园区管理员',
          adminPassword: WULINGSHAN_PASSWORD,
        },
      },
      platform,
    ),
  );
  // Version 1 is the starter rules every new park gets; the file's rules become version 2.
  expect(await runCli(['park', 'import', file])).toMatch(/^wulingshan: rules version 2 published/);

  const admin = await login('wl.admin', WULINGSHAN_PASSWORD);
  const { departments } = await data<{ departments: { id: string; code: string }[] }>(
    gql('{ departments { id code } }', {}, admin),
  );
  const industry = departments.find((department) => department.code === 'INDUSTRY_DEVELOPMENT')?.id;
  const people: [Person, string, string | null][] = [
    ['staff', '企业服务部 周婷', null],
    ['leader', '分管领导 杨帆', null],
    ['deputy', '常务副主任 何军', null],
    ['head', '产业发展部 罗兰', industry ?? null],
    ['handler', '产业发展部 谭伟', industry ?? null],
  ];
  for (const [person, displayName, departmentId] of people) {
    await data(
      gql(
        'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
        {
          input: {
            username: WULINGSHAN.accounts[person],
            displayName,
            password: WULINGSHAN_PASSWORD,
            roles: [{ role: ROLE_OF[person], departmentId }],
          },
        },
        admin,
      ),
    );
  }
}

/** The data of an answer, or an error naming what the API refused. */
async function data<T>(answer: Promise<GqlResult<T>>): Promise<T> {
  const { data: value, errors } = await answer;
  if (errors || !value) throw new Error(JSON.stringify(errors));
  return value;
}

/** The code and fields of a refusal (empty when there was none). */
function refusal(answer: GqlResult): [string | undefined, string[]] {
  const error = answer.errors?.[0];
  const fields = (error?.extensions?.fields ?? []) as { path: string }[];
  return [error?.extensions?.code, fields.map((field) => field.path)];
}

interface Deadline {
  stage: string;
  from: string;
  dueOn: string | null;
  amount: number;
  unit: string;
  doneOn: string | null;
  overdue: boolean;
}
interface CaseDocument {
  kind: string;
  number: string;
  departmentName: string | null;
  issuedOn: string;
  dueOn: string | null;
  doneOn: string | null;
  overdue: boolean;
  data: Record<string, unknown>;
}
interface CaseEvent {
  type: string;
  statusAfter: string;
  actorName: string | null;
  actorRole: string | null;
  occurredAt: string;
  data: Record<string, unknown>;
}
interface Case {
  id: string;
  registrationNo: string;
  rulesVersion: number;
  status: string;
  version: number;
  approverRole: string | null;
  gradeCode: string | null;
  satisfactionCode: string | null;
  allowedActions: string[];
  deadlines: Deadline[];
  overdueDeadlines: { stage: string; dueOn: string }[];
  documents: CaseDocument[];
  timeline: CaseEvent[];
}

const CASE = `id registrationNo rulesVersion status version approverRole gradeCode satisfactionCode allowedActions
  deadlines { stage from dueOn amount unit doneOn overdue }
  overdueDeadlines { stage dueOn }
  documents { kind number departmentName issuedOn dueOn doneOn overdue data }
  timeline { type statusAfter actorName actorRole occurredAt data }`;

const INPUT_TYPES = {
  verifyCase: 'VerifyCaseInput',
  rejectCase: 'RejectCaseInput',
  screenCase: 'ScreenCaseInput',
  approveCase: 'ApproveCaseInput',
  startHandling: 'StartHandlingInput',
  submitResult: 'SubmitResultInput',
  reviewResult: 'ReviewResultInput',
  recordReferralReply: 'RecordReferralReplyInput',
  gradeCase: 'GradeCaseInput',
  recordFollowUp: 'RecordFollowUpInput',
  closeOutCase: 'CloseOutCaseInput',
  orderSpecialSupervision: 'OrderSpecialSupervisionInput',
  superviseOverdue: 'SuperviseOverdueInput',
  addProgressNote: 'AddProgressNoteInput',
} as const;
type Act = keyof typeof INPUT_TYPES;

/** Document kind → the numbering it draws from. */
const NUMBERING_OF = {
  ASSIGNMENT_SHEET: 'ASSIGNMENT',
  REFERRAL_LETTER: 'REFERRAL_LETTER',
  SUPERVISION_LETTER: 'SUPERVISION_LETTER',
} as const;
type Numbering = 'REGISTRATION' | (typeof NUMBERING_OF)[keyof typeof NUMBERING_OF];

/** A deadline as the case's statuses run it: opened when the case reaches one, done when it reaches the other. */
type Span = [stage: DeadlineStage, opensAt: string, doneAt?: string];

/** The China date of an event: deadlines count from the day of the act that opens the stage. */
const dayOf = (event: CaseEvent): string => isoDateInChina(new Date(event.occurredAt));

describe.each([ZHENGYANG, WULINGSHAN])('case routes in $name', (park) => {
  const tokens = {} as Record<Person, string>;
  const people = new Map<string, Person>();
  const departments = new Map<string, { id: string; name: string }>();
  let rules: ParkRules;
  let rulesVersion: number;
  let calendar: WorkingDayCalendar;
  let enterpriseId: string;
  const year = Number(isoDateInChina().slice(0, 4));
  /** The highest number of each kind issued this year in the park: numbers follow without gaps. */
  const issued: Record<Numbering, number> = {
    REGISTRATION: 0,
    ASSIGNMENT: 0,
    REFERRAL_LETTER: 0,
    SUPERVISION_LETTER: 0,
  };

  beforeAll(async () => {
    await park.onboard();
    for (const person of PEOPLE) {
      tokens[person] = await login(park.accounts[person], park.password);
      const { me } = await data<{ me: { displayName: string } }>(
        gql('{ me { displayName } }', {}, tokens[person]),
      );
      people.set(me.displayName, person);
    }
    const { parkRules } = await data<{ parkRules: { version: number; rules: ParkRules } }>(
      gql('{ parkRules { version rules } }', {}, tokens.staff),
    );
    ({ version: rulesVersion, rules } = parkRules);
    calendar = workingDayCalendarFor(rules, testNationalCalendar());
    const list = await data<{ departments: { id: string; code: string; name: string; active: boolean }[] }>(
      gql('{ departments { id code name active } }', {}, tokens.staff),
    );
    for (const { id, code, name } of list.departments.filter((department) => department.active))
      departments.set(code, { id, name });
    const saved = await data<{ saveEnterprise: { id: string } }>(
      gql(
        'mutation($input: SaveEnterpriseInput!) { saveEnterprise(input: $input) { id } }',
        { input: park.enterprise },
        tokens.staff,
      ),
    );
    enterpriseId = saved.saveEnterprise.id;
    await noteNumbersIssuedSoFar();
  });

  /** Other test files of the run may have numbered cases and documents in the park already. */
  async function noteNumbersIssuedSoFar(): Promise<void> {
    let after: string | null = null;
    do {
      const {
        ledger,
      }: {
        ledger: {
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: { id: string } }[];
        };
      } = await data(
        gql(
          'query($after: String) { ledger(first: 200, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }',
          { after },
          tokens.staff,
        ),
      );
      for (const {
        node: { id },
      } of ledger.edges) {
        const found = await data<{ case: { registrationNo: string; documents: CaseDocument[] } }>(
          gql(
            'query($id: ID!) { case(id: $id) { registrationNo documents { kind number } } }',
            { id },
            tokens.staff,
          ),
        );
        noteIssued('REGISTRATION', found.case.registrationNo);
        for (const document of found.case.documents)
          noteIssued(NUMBERING_OF[document.kind as keyof typeof NUMBERING_OF], document.number);
      }
      after = ledger.pageInfo.hasNextPage ? ledger.pageInfo.endCursor : null;
    } while (after);
  }

  function noteIssued(numbering: Numbering, number: string): void {
    const parts = parseNumber(rules.numbering[numbering].format, number);
    if (parts?.year === year) issued[numbering] = Math.max(issued[numbering], parts.seq);
  }

  /** The number must be the next one of its kind, in the park's format. */
  function expectNextNumber(numbering: Numbering, actual: string): void {
    const seq = issued[numbering] + 1;
    const expected =
      numbering === 'REGISTRATION'
        ? park.registrationNo(year, seq)
        : formatNumber(rules.numbering[numbering].format, { year, seq });
    // Counted from what was issued: one wrong number fails one test, not every later one.
    issued[numbering] = parseNumber(rules.numbering[numbering].format, actual)?.seq ?? seq;
    expect(actual).toBe(expected);
  }

  const department = (code: string): { id: string; name: string } => {
    const found = departments.get(code);
    if (!found) throw new Error(`no active department ${code} in ${park.name}`);
    return found;
  };
  const firstActive = (list: { code: string; active: boolean }[]): string =>
    list.find((entry) => entry.active)!.code;

  function attempt(person: Person, act: Act, c: Case, input: Record<string, unknown> = {}) {
    return gql<Record<Act, Case>>(
      `mutation($input: ${INPUT_TYPES[act]}!) { ${act}(input: $input) { ${CASE} } }`,
      { input: { caseId: c.id, version: c.version, ...input } },
      tokens[person],
    );
  }

  async function act(person: Person, name: Act, c: Case, input: Record<string, unknown> = {}): Promise<Case> {
    const answer = await attempt(person, name, c, input);
    if (answer.errors || !answer.data)
      throw new Error(`${name} by ${park.accounts[person]}: ${JSON.stringify(answer.errors)}`);
    return answer.data[name];
  }

  async function register(overrides: Record<string, unknown> = {}): Promise<Case> {
    const { registerCase } = await data<{ registerCase: Case }>(
      gql(
        `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { ${CASE} } }`,
        {
          input: {
            enterpriseId,
            reportedAt: new Date().toISOString(),
            categoryCode: firstActive(rules.categories),
            channelCode: firstActive(rules.intakeChannels),
            reportFormCode: firstActive(rules.reportForms),
            contactName: '王经理',
            contactTitle: '总经理',
            contactPhone: '023-79420000',
            title: '新厂房用电增容',
            description: '新厂房投产需要增容至 2000 千伏安，申请已提交三个月未办结。',
            ...overrides,
          },
        },
        tokens.staff,
      ),
    );
    expectNextNumber('REGISTRATION', registerCase.registrationNo);
    expect(registerCase.rulesVersion).toBe(rulesVersion);
    return registerCase;
  }

  const screen = (c: Case, routing: Record<string, unknown>) =>
    act('staff', 'screenCase', c, { major: false, policyHeavy: false, opinion: '交办办理', ...routing });

  const inThePark = (cooperating: string[] = []) => ({
    jurisdiction: 'PARK',
    leadDepartmentId: department(park.leadDepartment).id,
    cooperatingDepartmentIds: cooperating.map((code) => department(code).id),
  });

  /** The due date of a stage opened when the case reached `status` (its latest arrival there). */
  function expectedDue(c: Case, stage: DeadlineStage, status: string): string {
    const opened = c.timeline.findLast((event) => event.statusAfter === status);
    if (!opened) throw new Error(`the case never reached ${status}`);
    return stageDeadline(rules, stage, dayOf(opened), { calendar }).due;
  }

  function expectDeadlines(c: Case, spans: Span[]): void {
    const expected: Omit<Deadline, 'overdue'>[] = [];
    let cursor = 0;
    for (const [stage, opensAt, doneAt] of spans) {
      const opened = c.timeline.findIndex((event, i) => i >= cursor && event.statusAfter === opensAt);
      if (opened < 0) throw new Error(`no event took the case to ${opensAt} (deadline ${stage})`);
      cursor = opened + 1;
      const done = doneAt
        ? c.timeline.findIndex((event, i) => i > opened && event.statusAfter === doneAt)
        : -1;
      const from = dayOf(c.timeline[opened]);
      // Past the national holiday data the API keeps the deadline pending (期限待定), never guessed.
      const { due, amount, unit } = stageDeadlineOrPending(rules, stage, from, { calendar });
      expected.push({
        stage,
        from,
        dueOn: due,
        amount,
        unit,
        doneOn: done < 0 ? null : dayOf(c.timeline[done]),
      });
    }
    expect(c.deadlines.map(({ overdue: _overdue, ...deadline }) => deadline)).toEqual(expected);
  }

  /** Each act as [event, status after it, who did it]. */
  const timeline = (c: Case) =>
    c.timeline.map((event) => [event.type, event.statusAfter, people.get(event.actorName ?? '')]);

  const documents = (c: Case, kind: keyof typeof NUMBERING_OF) =>
    c.documents.filter((document) => document.kind === kind);

  function onlyDocument(c: Case, kind: keyof typeof NUMBERING_OF): CaseDocument {
    expect(documents(c, kind)).toHaveLength(1);
    return documents(c, kind)[0];
  }

  /** Art. 7.1 then 9: a one-department case up to the result the department head approved. */
  async function responded(): Promise<Case> {
    let c = await register();
    c = await act('staff', 'verifyCase', c, { notes: '已电话核实' });
    c = await screen(c, inThePark());
    expect(c.approverRole).toBe(ROLE_OF[park.signers.oneDepartment]);
    c = await act(park.signers.oneDepartment, 'approveCase', c);
    expectNextNumber('ASSIGNMENT', onlyDocument(c, 'ASSIGNMENT_SHEET').number);
    c = await act('handler', 'startHandling', c);
    c = await act('handler', 'submitResult', c, { replyToEnterprise: '已答复企业', result: '已协调解决' });
    return act('head', 'reviewResult', c, { approved: true });
  }
  const respondedTimeline = () => [
    ['CaseRegistered', 'REGISTERED', 'staff'],
    ['CaseVerified', 'VERIFIED', 'staff'],
    ['CaseScreened', 'PENDING_APPROVAL', 'staff'],
    ['CaseApproved', 'ASSIGNED', park.signers.oneDepartment],
    ['HandlingStarted', 'IN_PROGRESS', 'handler'],
    ['ResultSubmitted', 'RESULT_SUBMITTED', 'handler'],
    ['ResultReviewed', 'RESPONDED', 'head'],
  ];
  const respondedDeadlines: Span[] = [
    ['verification', 'REGISTERED', 'VERIFIED'],
    ['screening', 'VERIFIED', 'PENDING_APPROVAL'],
    ['approval', 'PENDING_APPROVAL', 'ASSIGNED'],
    ['departmentReply', 'ASSIGNED', 'RESPONDED'],
  ];

  it(`one park department: ${ROLE_OF[park.signers.oneDepartment]} approves, one assignment sheet, handled, A, satisfied, closed out`, async () => {
    let c = await register();
    expect(c).toMatchObject({ status: 'REGISTERED', approverRole: null, documents: [] });
    c = await act('staff', 'verifyCase', c, { notes: '已电话核实' });
    c = await screen(c, inThePark());
    const signer = park.signers.oneDepartment;
    expect(c).toMatchObject({ status: 'PENDING_APPROVAL', approverRole: ROLE_OF[signer] });
    expect(refusal(await attempt(otherSigner(signer), 'approveCase', c))[0]).toBe('FORBIDDEN');

    c = await act(signer, 'approveCase', c, { opinion: '同意交办' });
    expect(c.status).toBe('ASSIGNED');
    const sheet = onlyDocument(c, 'ASSIGNMENT_SHEET');
    expectNextNumber('ASSIGNMENT', sheet.number);
    expect(sheet).toMatchObject({
      kind: 'ASSIGNMENT_SHEET',
      departmentName: department(park.leadDepartment).name,
      dueOn: expectedDue(c, 'departmentReply', 'ASSIGNED'),
      doneOn: null,
      data: { approverRole: ROLE_OF[signer], cooperatingDepartmentIds: [] },
    });

    c = await act('handler', 'startHandling', c);
    c = await act('handler', 'submitResult', c, {
      replyToEnterprise: '已协调供电公司',
      result: '已完成增容',
    });
    c = await act('head', 'reviewResult', c, { approved: true });
    c = await act('staff', 'gradeCase', c, { gradeCode: 'A' });
    c = await act('staff', 'recordFollowUp', c, { satisfactionCode: 'SATISFIED' });
    c = await act('staff', 'closeOutCase', c);

    expect(c).toMatchObject({
      status: 'CLOSED',
      gradeCode: 'A',
      satisfactionCode: 'SATISFIED',
      allowedActions: [],
    });
    expectDeadlines(c, [...respondedDeadlines, ['followUp', 'GRADED', 'FOLLOWED_UP']]);
    expect(timeline(c)).toEqual([
      ...respondedTimeline(),
      ['CaseGraded', 'GRADED', 'staff'],
      ['FollowUpRecorded', 'FOLLOWED_UP', 'staff'],
      ['CaseClosedOut', 'CLOSED', 'staff'],
    ]);
    expect(c.timeline[3].actorRole).toBe(ROLE_OF[signer]);
  });

  it(`several park departments: ${ROLE_OF[park.signers.severalDepartments]} signs, the sheet names lead and cooperating departments`, async () => {
    let c = await register();
    c = await act('staff', 'verifyCase', c, { notes: '已核实，涉及多个部室' });
    c = await screen(c, inThePark(park.cooperatingDepartments));
    const signer = park.signers.severalDepartments;
    expect(c).toMatchObject({ status: 'PENDING_APPROVAL', approverRole: ROLE_OF[signer] });
    expect(refusal(await attempt(otherSigner(signer), 'approveCase', c))[0]).toBe('FORBIDDEN');

    c = await act(signer, 'approveCase', c, { opinion: '请牵头部室办理，相关部室配合' });
    expect(c.status).toBe('ASSIGNED');
    const sheet = onlyDocument(c, 'ASSIGNMENT_SHEET');
    expectNextNumber('ASSIGNMENT', sheet.number);
    expect(sheet).toMatchObject({
      kind: 'ASSIGNMENT_SHEET',
      departmentName: department(park.leadDepartment).name,
      dueOn: expectedDue(c, 'departmentReply', 'ASSIGNED'),
      data: {
        approverRole: ROLE_OF[signer],
        cooperatingDepartmentIds: park.cooperatingDepartments.map((code) => department(code).id),
      },
    });

    c = await act('handler', 'startHandling', c);
    c = await act('handler', 'submitResult', c, {
      replyToEnterprise: '已联合答复企业',
      result: '各部室已办结',
    });
    c = await act('head', 'reviewResult', c, { approved: true });

    expect(c.status).toBe('RESPONDED');
    expectDeadlines(c, respondedDeadlines);
    expect(timeline(c)).toEqual([
      ['CaseRegistered', 'REGISTERED', 'staff'],
      ['CaseVerified', 'VERIFIED', 'staff'],
      ['CaseScreened', 'PENDING_APPROVAL', 'staff'],
      ['CaseApproved', 'ASSIGNED', signer],
      ['HandlingStarted', 'IN_PROGRESS', 'handler'],
      ['ResultSubmitted', 'RESULT_SUBMITTED', 'handler'],
      ['ResultReviewed', 'RESPONDED', 'head'],
    ]);
  });

  it(`district bureaus: ${ROLE_OF[park.signers.district]} signs one letter per bureau, cc ${park.district.cc.join(' + ')}, reply in ${park.referralReplyDays} working days`, async () => {
    expect(rules.deadlines.referralReply).toEqual({ amount: park.referralReplyDays, unit: 'WORKING_DAYS' });
    let c = await register({
      title: '新增用地指标',
      description: '扩建项目需新增工业用地约 30 亩，规划调整未批复。',
    });
    c = await act('staff', 'verifyCase', c, { notes: '已核实，属区级部门职能' });
    c = await screen(c, {
      jurisdiction: 'DISTRICT',
      major: park.district.major,
      referredDepartmentIds: park.bureaus.map((code) => department(code).id),
      opinion: '商函区级部门办理',
    });
    const signer = park.signers.district;
    expect(c).toMatchObject({ status: 'PENDING_APPROVAL', approverRole: ROLE_OF[signer] });
    expect(refusal(await attempt(otherSigner(signer), 'approveCase', c))[0]).toBe('FORBIDDEN');

    c = await act(signer, 'approveCase', c, { opinion: '同意发函' });
    expect(c.status).toBe('REFERRED');
    expect(documents(c, 'ASSIGNMENT_SHEET')).toEqual([]);
    const format = rules.numbering.REFERRAL_LETTER.format;
    const letters = documents(c, 'REFERRAL_LETTER').sort(
      (a, b) => (parseNumber(format, a.number)?.seq ?? 0) - (parseNumber(format, b.number)?.seq ?? 0),
    );
    for (const letter of letters) expectNextNumber('REFERRAL_LETTER', letter.number);
    const replyDue = expectedDue(c, 'referralReply', 'REFERRED');
    expect(
      letters.map((letter) => [letter.departmentName, letter.dueOn, letter.doneOn, letter.data.cc]),
    ).toEqual(park.bureaus.map((code) => [department(code).name, replyDue, null, park.district.cc]));
    expect(c.deadlines.at(-1)).toMatchObject({
      stage: 'referralReply',
      dueOn: replyDue,
      amount: park.referralReplyDays,
      unit: 'WORKING_DAYS',
    });

    const repliedOn = isoDateInChina();
    for (const code of park.bureaus) {
      c = await act('staff', 'recordReferralReply', c, {
        departmentId: department(code).id,
        repliedOn,
        responsiblePerson: '张科长',
        contact: '023-79421111',
        content: '已安排专人办理',
      });
    }

    expect(c.status).toBe('RESPONDED');
    expect(documents(c, 'REFERRAL_LETTER').map((letter) => letter.doneOn)).toEqual([repliedOn, repliedOn]);
    expectDeadlines(c, [
      ['verification', 'REGISTERED', 'VERIFIED'],
      ['screening', 'VERIFIED', 'PENDING_APPROVAL'],
      ['approval', 'PENDING_APPROVAL', 'REFERRED'],
      ['referralReply', 'REFERRED', 'RESPONDED'],
    ]);
    expect(timeline(c)).toEqual([
      ['CaseRegistered', 'REGISTERED', 'staff'],
      ['CaseVerified', 'VERIFIED', 'staff'],
      ['CaseScreened', 'PENDING_APPROVAL', 'staff'],
      ['CaseApproved', 'REFERRED', signer],
      ['ReferralReplyRecorded', 'REFERRED', 'staff'],
      ['ReferralReplyRecorded', 'RESPONDED', 'staff'],
    ]);
  });

  it('inadmissible: an enterprise outside the park is rejected on registration, a matter for the courts after verification', async () => {
    // Art. 2: the case is recorded and numbered, then rejected; nobody signs, nothing is issued.
    const outsider = await register({
      enterpriseId: undefined,
      enterpriseName: '重庆外地贸易有限公司',
      enterpriseCreditCode: '91110108MA01AAAA1Q',
    });
    expect(outsider).toMatchObject({
      status: 'REJECTED',
      approverRole: null,
      documents: [],
      allowedActions: [],
    });
    expect(outsider.timeline[1].data).toMatchObject({ reason: 'NOT_IN_PARK' });
    expectDeadlines(outsider, [['verification', 'REGISTERED', 'REJECTED']]);
    expect(timeline(outsider)).toEqual([
      ['CaseRegistered', 'REGISTERED', 'staff'],
      ['CaseRejected', 'REJECTED', 'staff'],
    ]);

    const matter = rules.inadmissibleMatters[0];
    let c = await register({
      title: '合同纠纷',
      description: '与供应商的合同纠纷已起诉至法院，希望园区出面协调。',
    });
    c = await act('staff', 'verifyCase', c, { notes: '已核实，案件已立案' });
    c = await act('staff', 'rejectCase', c, { reason: matter.code, note: `${matter.labelZh}事项，不予受理` });
    expect(c).toMatchObject({ status: 'REJECTED', approverRole: null, documents: [], allowedActions: [] });
    expect(c.timeline.at(-1)?.data).toMatchObject({ reason: matter.code });
    expectDeadlines(c, [
      ['verification', 'REGISTERED', 'VERIFIED'],
      ['screening', 'VERIFIED', 'REJECTED'],
    ]);
    expect(timeline(c)).toEqual([
      ['CaseRegistered', 'REGISTERED', 'staff'],
      ['CaseVerified', 'VERIFIED', 'staff'],
      ['CaseRejected', 'REJECTED', 'staff'],
    ]);
  });

  it('overdue: past its deadline the case is on the overdue list and gets a numbered supervision letter', async () => {
    let c = await register();
    c = await act('staff', 'verifyCase', c, { notes: '已电话核实' });
    c = await screen(c, inThePark());
    c = await act(park.signers.oneDepartment, 'approveCase', c);
    expectNextNumber('ASSIGNMENT', onlyDocument(c, 'ASSIGNMENT_SHEET').number);
    c = await act('handler', 'startHandling', c);
    const running = c.deadlines.at(-1)!;
    expect(running).toMatchObject({
      stage: 'departmentReply',
      dueOn: expectedDue(c, 'departmentReply', 'ASSIGNED'),
      doneOn: null,
      overdue: false,
    });
    // Not late yet: no supervision letter is offered, and one asked for is refused.
    expect(c.overdueDeadlines).toEqual([]);
    expect(c.allowedActions).not.toContain('superviseOverdue');
    expect(refusal(await attempt('staff', 'superviseOverdue', c))).toEqual(['BAD_USER_INPUT', ['deadlines']]);

    // Time passes: the API has no clock a test can move, so the department's reply deadline (in the
    // case and on its assignment sheet) is set to yesterday in the database, as if it had run out.
    const dueOn = addDaysToIsoDate(isoDateInChina(), -1);
    await ownerQuery(
      `WITH sheet AS (
         UPDATE case_documents SET due_on = $2::text::date WHERE case_id = $1 AND kind = 'ASSIGNMENT_SHEET'
       )
       UPDATE cases SET next_due_on = $2::text::date,
              deadlines = (SELECT jsonb_agg(CASE WHEN d ->> 'doneOn' IS NULL
                                                 THEN jsonb_set(d, '{dueOn}', to_jsonb($2::text)) ELSE d END
                                            ORDER BY i)
                             FROM jsonb_array_elements(deadlines) WITH ORDINALITY AS t(d, i))
        WHERE id = $1`,
      [c.id, dueOn],
    );
    const { ledger } = await data<{
      ledger: { edges: { node: { id: string; nextDueOn: string; overdue: boolean } }[] };
    }>(
      gql(
        '{ ledger(filter: { overdue: true }) { edges { node { id nextDueOn overdue } } } }',
        {},
        tokens.staff,
      ),
    );
    expect(ledger.edges.map((edge) => edge.node)).toContainEqual({
      id: c.id,
      nextDueOn: dueOn,
      overdue: true,
    });

    // The letter states the deadline the department missed, from the case itself.
    const { case: late } = await data<{ case: Case }>(
      gql(`query($id: ID!) { case(id: $id) { ${CASE} } }`, { id: c.id }, tokens.staff),
    );
    expect(late.overdueDeadlines).toEqual([{ stage: 'departmentReply', dueOn }]);
    expect(late.allowedActions).toContain('superviseOverdue');
    c = await act('staff', 'superviseOverdue', c, { note: '请抓紧办理并书面报告' });
    expect(c.status).toBe('IN_PROGRESS');
    const letter = onlyDocument(c, 'SUPERVISION_LETTER');
    expectNextNumber('SUPERVISION_LETTER', letter.number);
    expect(letter).toMatchObject({
      departmentName: department(park.leadDepartment).name,
      issuedOn: dayOf(c.timeline.at(-1)!),
      data: { overdueSince: dueOn, note: '请抓紧办理并书面报告' },
    });
    expect(onlyDocument(c, 'ASSIGNMENT_SHEET')).toMatchObject({ dueOn, overdue: true });

    // The department answers late: the missed deadline stays on the record.
    c = await act('handler', 'submitResult', c, { replyToEnterprise: '已答复企业', result: '已办结' });
    c = await act('head', 'reviewResult', c, { approved: true });
    expect(c.status).toBe('RESPONDED');
    const reviewed = dayOf(c.timeline.at(-1)!);
    expect(c.deadlines.at(-1)).toMatchObject({
      stage: 'departmentReply',
      dueOn,
      doneOn: reviewed,
      overdue: true,
    });
    expectDeadlines({ ...c, deadlines: c.deadlines.slice(0, -1) }, respondedDeadlines.slice(0, -1));
    expect(timeline(c)).toEqual([
      ['CaseRegistered', 'REGISTERED', 'staff'],
      ['CaseVerified', 'VERIFIED', 'staff'],
      ['CaseScreened', 'PENDING_APPROVAL', 'staff'],
      ['CaseApproved', 'ASSIGNED', park.signers.oneDepartment],
      ['HandlingStarted', 'IN_PROGRESS', 'handler'],
      ['OverdueSupervised', 'IN_PROGRESS', 'staff'],
      ['ResultSubmitted', 'RESULT_SUBMITTED', 'handler'],
      ['ResultReviewed', 'RESPONDED', 'head'],
    ]);
  });

  it('unsatisfied: no close-out, special supervision sends it back to the department, then A, satisfied, closed out', async () => {
    let c = await responded();
    c = await act('staff', 'gradeCase', c, { gradeCode: 'A' });
    c = await act('staff', 'recordFollowUp', c, {
      satisfactionCode: 'UNSATISFIED',
      note: '企业认为问题未解决',
    });
    expect(refusal(await attempt('staff', 'closeOutCase', c))[0]).toBe('BAD_USER_INPUT');

    c = await act('staff', 'orderSpecialSupervision', c, {
      event: 'UNSATISFIED',
      reason: '企业不满意，专项督办',
    });
    expect(c).toMatchObject({ status: 'IN_PROGRESS', gradeCode: null, satisfactionCode: null });
    expect(c.deadlines.at(-1)).toMatchObject({
      stage: 'departmentReply',
      dueOn: expectedDue(c, 'departmentReply', 'IN_PROGRESS'),
      doneOn: null,
    });

    c = await act('handler', 'submitResult', c, { replyToEnterprise: '再次答复企业', result: '已彻底解决' });
    c = await act('head', 'reviewResult', c, { approved: true });
    c = await act('staff', 'gradeCase', c, { gradeCode: 'A' });
    c = await act('staff', 'recordFollowUp', c, { satisfactionCode: 'SATISFIED' });
    c = await act('staff', 'closeOutCase', c);

    expect(c).toMatchObject({ status: 'CLOSED', gradeCode: 'A', satisfactionCode: 'SATISFIED' });
    expect(c.documents.map((document) => document.kind)).toEqual(['ASSIGNMENT_SHEET']);
    expectDeadlines(c, [
      ...respondedDeadlines,
      ['followUp', 'GRADED', 'FOLLOWED_UP'],
      ['departmentReply', 'IN_PROGRESS', 'RESPONDED'],
      ['followUp', 'GRADED', 'FOLLOWED_UP'],
    ]);
    expect(timeline(c)).toEqual([
      ...respondedTimeline(),
      ['CaseGraded', 'GRADED', 'staff'],
      ['FollowUpRecorded', 'FOLLOWED_UP', 'staff'],
      ['SpecialSupervisionStarted', 'IN_PROGRESS', 'staff'],
      ['ResultSubmitted', 'RESULT_SUBMITTED', 'handler'],
      ['ResultReviewed', 'RESPONDED', 'head'],
      ['CaseGraded', 'GRADED', 'staff'],
      ['FollowUpRecorded', 'FOLLOWED_UP', 'staff'],
      ['CaseClosedOut', 'CLOSED', 'staff'],
    ]);
  });

  it('B: tracked with a review date, reviewed, then graded A and closed out', async () => {
    let c = await responded();
    c = await act('staff', 'gradeCase', c, { gradeCode: 'B' });
    expect(c).toMatchObject({ status: 'TRACKING', gradeCode: 'B' });
    expect(c.deadlines.at(-1)).toMatchObject({
      stage: 'bGradeReviewInterval',
      dueOn: expectedDue(c, 'bGradeReviewInterval', 'TRACKING'),
      doneOn: null,
    });

    c = await act('staff', 'addProgressNote', c, { note: '跟踪回访：正在办理，预计月底解决' });
    expect(c.status).toBe('TRACKING');
    c = await act('staff', 'gradeCase', c, { gradeCode: 'A' });
    expect(c.timeline.at(-1)?.data).toMatchObject({ gradeCode: 'A', previousGradeCode: 'B' });
    c = await act('staff', 'recordFollowUp', c, { satisfactionCode: 'SATISFIED' });
    c = await act('staff', 'closeOutCase', c);

    expect(c).toMatchObject({ status: 'CLOSED', gradeCode: 'A' });
    expectDeadlines(c, [
      ...respondedDeadlines,
      ['bGradeReviewInterval', 'TRACKING', 'GRADED'],
      ['followUp', 'GRADED', 'FOLLOWED_UP'],
    ]);
    expect(timeline(c)).toEqual([
      ...respondedTimeline(),
      ['CaseGraded', 'TRACKING', 'staff'],
      ['ProgressNoteAdded', 'TRACKING', 'staff'],
      ['CaseGraded', 'GRADED', 'staff'],
      ['FollowUpRecorded', 'FOLLOWED_UP', 'staff'],
      ['CaseClosedOut', 'CLOSED', 'staff'],
    ]);
  });

  it('C: only with the reason it cannot be solved for now, then followed up and closed out', async () => {
    let c = await responded();
    expect(refusal(await attempt('staff', 'gradeCase', c, { gradeCode: 'C' }))).toEqual([
      'BAD_USER_INPUT',
      ['reason'],
    ]);

    const reason = '受用地政策限制，一时难以解决';
    c = await act('staff', 'gradeCase', c, { gradeCode: 'C', reason });
    expect(c).toMatchObject({ status: 'GRADED', gradeCode: 'C' });
    expect(c.timeline.at(-1)?.data).toMatchObject({ gradeCode: 'C', reason });
    c = await act('staff', 'recordFollowUp', c, { satisfactionCode: 'SATISFIED', note: '企业理解' });
    c = await act('staff', 'closeOutCase', c);

    expect(c).toMatchObject({ status: 'CLOSED', gradeCode: 'C' });
    expectDeadlines(c, [...respondedDeadlines, ['followUp', 'GRADED', 'FOLLOWED_UP']]);
    expect(timeline(c)).toEqual([
      ...respondedTimeline(),
      ['CaseGraded', 'GRADED', 'staff'],
      ['FollowUpRecorded', 'FOLLOWED_UP', 'staff'],
      ['CaseClosedOut', 'CLOSED', 'staff'],
    ]);
  });
});
