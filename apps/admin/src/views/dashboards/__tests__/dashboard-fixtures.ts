import type { NodeOf } from '@/api/connections';
import type { DashboardQuery, DrillDownQuery, IndicatorCode, MeFieldsFragment } from '@/gql/graphql';
import { meWith } from '@/test-support/fixtures';
import { platformAdminMe } from '@/test-support/signed-in-console';

type Dashboard = DashboardQuery['dashboard'];
type Figure = Dashboard['parks'][number]['indicators'][number];
type DrillCase = NodeOf<DrillDownQuery['drillDown']>;

export const DISTRICT_ID = 'd-qj';
export const ZHENGYANG = '11111111-1111-4111-8111-111111111111';
export const WULINGSHAN = '22222222-2222-4222-8222-222222222222';
export const ECONOMY = '33333333-3333-4333-8333-333333333333';
export const PLANNING = '44444444-4444-4444-8444-444444444444';
export const FINANCE = '55555555-5555-4555-8555-555555555555';

const qianjiang = { id: DISTRICT_ID, code: 'qianjiang', name: '黔江区' };

export const districtViewerMe = meWith(
  { id: 'u-qj', username: 'qianjiang', displayName: '黔江区营商办', park: null, district: qianjiang },
  'DISTRICT_VIEWER',
);

export const leaderMe = meWith(
  {
    id: 'u-leader',
    username: 'leader',
    displayName: '李分管',
    park: { id: ZHENGYANG, code: 'zhengyang', name: '重庆市正阳工业园区' },
    district: qianjiang,
  },
  'LEADER_IN_CHARGE',
);

export const platformMe: MeFieldsFragment = platformAdminMe;

const count = (code: IndicatorCode, n: number): Figure => ({
  code,
  value: n,
  numerator: n,
  denominator: null,
});
const rate = (code: IndicatorCode, numerator: number, denominator: number): Figure => ({
  code,
  value: denominator ? numerator / denominator : null,
  numerator,
  denominator,
});
const days = (code: IndicatorCode, value: number | null, cases: number): Figure => ({
  code,
  value,
  numerator: cases,
  denominator: null,
});

interface Counts {
  received: number;
  accepted: number;
  /** received − accepted unless given. */
  rejected?: number;
  reply?: [number, number];
  completion?: [number, number];
  resolution?: [number, number];
  satisfaction?: [number, number];
  overdue?: number;
  supervisions?: number;
  special?: number;
  letters?: number;
  mean?: number | null;
  p90?: number | null;
  handled?: number;
}

/** Every indicator, as the API lists them (RECEIVED … HANDLING_DAYS_P90); what is not given is 0 or none. */
function indicators(f: Counts): Figure[] {
  const none: [number, number] = [0, 0];
  return [
    count('RECEIVED', f.received),
    count('ACCEPTED', f.accepted),
    count('REJECTED', f.rejected ?? f.received - f.accepted),
    rate('REPLY_ON_TIME_RATE', ...(f.reply ?? none)),
    rate('COMPLETION_ON_TIME_RATE', ...(f.completion ?? none)),
    rate('RESOLUTION_RATE', ...(f.resolution ?? none)),
    rate('SATISFACTION_RATE', ...(f.satisfaction ?? none)),
    count('OVERDUE_NOW', f.overdue ?? 0),
    count('SUPERVISIONS', f.supervisions ?? 0),
    count('SPECIAL_SUPERVISIONS', f.special ?? 0),
    count('REFERRAL_LETTERS_UNANSWERED', f.letters ?? 0),
    days('HANDLING_DAYS_MEAN', f.mean ?? null, f.handled ?? 0),
    days('HANDLING_DAYS_P90', f.p90 ?? null, f.handled ?? 0),
  ];
}

const monthly = (received: number, accepted: number) =>
  indicators({ received, accepted }).filter(
    (v) => v.code !== 'OVERDUE_NOW' && v.code !== 'REFERRAL_LETTERS_UNANSWERED',
  );

/** Zhengyang's handling figures, the district's too: Wulingshan has handled nothing yet. */
const ZHENGYANG_HANDLED: Omit<Counts, 'received' | 'accepted'> = {
  completion: [4, 5],
  resolution: [3, 4],
  satisfaction: [2, 3],
  overdue: 3,
  supervisions: 4,
  special: 1,
  letters: 1,
  mean: 4.5,
  p90: 9,
  handled: 4,
};

export function dashboardFixture(overrides: Partial<Dashboard> = {}): Dashboard {
  return {
    asOf: '2026-11-29',
    contactsMasked: true,
    canDrillDown: true,
    // As the parks' rules name them: a park of the district has a category of its own.
    categories: [
      { code: 'FINANCING', labelZh: '融资服务', labelEn: 'Financing' },
      { code: 'MOUNTAIN_LOGISTICS', labelZh: '山区物流', labelEn: 'Mountain logistics' },
      { code: 'POWER_SUPPLY', labelZh: '用电保障', labelEn: 'Power supply' },
    ],
    channels: [
      { code: 'HOTLINE', labelZh: '企业服务热线', labelEn: 'Enterprise service hotline' },
      { code: 'SERVICE_HALL', labelZh: '办事大厅', labelEn: 'Service center hall' },
    ],
    // The parks' rules list no tiers: the console names them itself (主办, 分办, 协办).
    assignmentTiers: [],
    districts: [
      {
        districtId: DISTRICT_ID,
        districtName: '黔江区',
        settingsVersion: 0,
        indicators: indicators({ ...ZHENGYANG_HANDLED, received: 12, accepted: 10, reply: [6, 8] }),
      },
    ],
    parks: [
      {
        parkId: ZHENGYANG,
        parkName: '重庆市正阳工业园区',
        districtId: DISTRICT_ID,
        ranked: true,
        indicators: indicators({ ...ZHENGYANG_HANDLED, received: 9, accepted: 8, reply: [6, 7] }),
        months: [
          { month: '2026-10', indicators: monthly(4, 4) },
          { month: '2026-11', indicators: monthly(5, 4) },
        ],
        gradeDistribution: [
          { code: 'A', count: 3 },
          { code: 'B', count: 1 },
        ],
        categoryMix: [
          { code: 'POWER_SUPPLY', count: 5 },
          { code: 'FINANCING', count: 4 },
        ],
        channelMix: [{ code: 'HOTLINE', count: 9 }],
        departments: [
          {
            departmentId: ECONOMY,
            departmentName: '经济发展部',
            replyOnTime: rate('REPLY_ON_TIME_RATE', 5, 5),
            completionOnTime: rate('COMPLETION_ON_TIME_RATE', 3, 4),
            // Late as lead on one case, as assisting department on another.
            overdueNow: 2,
            overdueByTier: [
              { tierCode: 'ASSISTING', count: 1 },
              { tierCode: 'LEAD', count: 1 },
            ],
            ranked: true,
          },
          {
            departmentId: PLANNING,
            departmentName: '规划建设部',
            replyOnTime: rate('REPLY_ON_TIME_RATE', 1, 2),
            completionOnTime: rate('COMPLETION_ON_TIME_RATE', 1, 1),
            // Its split part of a case led by another department is late.
            overdueNow: 1,
            overdueByTier: [{ tierCode: 'SPLIT', count: 1 }],
            ranked: false,
          },
          {
            // A follow-up late: the service center's, no department's.
            departmentId: null,
            departmentName: null,
            replyOnTime: rate('REPLY_ON_TIME_RATE', 0, 0),
            completionOnTime: rate('COMPLETION_ON_TIME_RATE', 0, 0),
            overdueNow: 1,
            overdueByTier: [{ tierCode: '', count: 1 }],
            ranked: false,
          },
        ],
      },
      {
        parkId: WULINGSHAN,
        parkName: '武陵山工业园区',
        districtId: DISTRICT_ID,
        ranked: false,
        indicators: indicators({ received: 3, accepted: 2, reply: [0, 1] }),
        months: [
          { month: '2026-10', indicators: monthly(1, 1) },
          { month: '2026-11', indicators: monthly(2, 1) },
        ],
        gradeDistribution: [],
        categoryMix: [{ code: 'POWER_SUPPLY', count: 3 }],
        channelMix: [{ code: 'SERVICE_HALL', count: 3 }],
        departments: [
          {
            departmentId: FINANCE,
            departmentName: '财政金融部',
            replyOnTime: rate('REPLY_ON_TIME_RATE', 0, 1),
            completionOnTime: rate('COMPLETION_ON_TIME_RATE', 0, 0),
            overdueNow: 0,
            overdueByTier: [],
            ranked: false,
          },
        ],
      },
    ],
    ...overrides,
  };
}

/** `n` cases as the drill-down lists them (masked contacts, as for a district viewer). */
export function drillCases(n: number, parkId = ZHENGYANG, masked = true): DrillCase[] {
  return Array.from({ length: n }, (_, i) => ({
    caseId: `c-${parkId.slice(0, 4)}-${i + 1}`,
    parkId,
    registrationNo: `企业困难问题〔2026〕第${i + 1}号`,
    title: `企业反映用电困难 ${i + 1}`,
    enterpriseName: '重庆黔江某某制造有限公司',
    status: 'IN_PROGRESS',
    categoryCode: 'POWER_SUPPLY',
    channelCode: 'HOTLINE',
    departmentName: '经济发展部',
    registeredOn: '2026-11-02',
    contactName: masked ? '张**' : '张小明',
    contactPhone: masked ? '138****1234' : '13812341234',
    count: 1,
  }));
}
