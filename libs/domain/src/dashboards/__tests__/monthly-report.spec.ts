import type { IndicatorValue } from '../indicators.js';
import {
  delayedDepartments,
  formatIndicator,
  monthlyReportOf,
  type MonthlyReportInput,
} from '../monthly-report.js';

const rate = (code: IndicatorValue['code'], numerator: number, denominator: number): IndicatorValue => ({
  code,
  numerator,
  denominator,
  value: denominator ? numerator / denominator : null,
});
const count = (code: IndicatorValue['code'], n: number): IndicatorValue => ({
  code,
  numerator: n,
  denominator: null,
  value: n,
});

function parkIndicators(received: number, reply: [number, number], overdue: number): IndicatorValue[] {
  return [
    count('RECEIVED', received),
    rate('REPLY_ON_TIME_RATE', ...reply),
    rate('COMPLETION_ON_TIME_RATE', 0, 0),
    rate('RESOLUTION_RATE', 2, 3),
    rate('SATISFACTION_RATE', 1, 1),
    count('OVERDUE_NOW', overdue),
  ];
}

const input: MonthlyReportInput = {
  districtName: '黔江区',
  month: '2026-10',
  asOf: '2026-11-03',
  settingsVersion: 2,
  indicators: parkIndicators(30, [17, 20], 3),
  parks: [
    {
      parkName: '正阳工业园区',
      ranked: true,
      indicators: parkIndicators(20, [9, 12], 1),
      departments: [
        {
          departmentName: '经济发展部',
          replyOnTime: rate('REPLY_ON_TIME_RATE', 4, 6),
          completionOnTime: rate('COMPLETION_ON_TIME_RATE', 1, 1),
          overdueNow: 1,
        },
        {
          departmentName: '规划建设部',
          replyOnTime: rate('REPLY_ON_TIME_RATE', 5, 5),
          completionOnTime: rate('COMPLETION_ON_TIME_RATE', 0, 0),
          overdueNow: 0,
        },
        // Not yet screened: no department to name.
        {
          departmentName: null,
          replyOnTime: rate('REPLY_ON_TIME_RATE', 0, 1),
          completionOnTime: rate('COMPLETION_ON_TIME_RATE', 0, 0),
          overdueNow: 0,
        },
      ],
    },
    {
      parkName: '武陵山工业园区',
      ranked: false,
      indicators: parkIndicators(10, [8, 8], 2),
      departments: [
        {
          departmentName: '招商服务部',
          replyOnTime: rate('REPLY_ON_TIME_RATE', 8, 8),
          completionOnTime: rate('COMPLETION_ON_TIME_RATE', 0, 0),
          overdueNow: 2,
        },
      ],
    },
  ],
};

describe('monthly report of a district', () => {
  it('names the departments that were late or hold overdue cases, worst first', () => {
    expect(delayedDepartments(input)).toEqual([
      {
        parkName: '正阳工业园区',
        departmentName: '经济发展部',
        lateReplies: 2,
        lateCompletions: 0,
        overdueNow: 1,
      },
      {
        parkName: '武陵山工业园区',
        departmentName: '招商服务部',
        lateReplies: 0,
        lateCompletions: 0,
        overdueNow: 2,
      },
    ]);
    const report = monthlyReportOf(input);
    expect(report.delaySentence).toBe(
      '本月存在答复或办结滞后、或有超期未办结问题的部门共 2 个：正阳工业园区经济发展部、武陵山工业园区招商服务部。请相关园区督促整改。',
    );
  });

  it('prints rates in per cent with their basis, and a dash where nothing was due', () => {
    const report = monthlyReportOf(input);
    expect(report.title).toBe('黔江区企业反映困难问题办理情况月报');
    expect(report.monthLabel).toBe('2026年10月');
    expect(report.summary.find((r) => r.label === '按时答复率')).toEqual({
      label: '按时答复率',
      value: '85.0%',
      basis: '17 / 20',
    });
    expect(report.summary.find((r) => r.label === '按时办结率')!.value).toBe('—');
    expect(report.summary.find((r) => r.label === '受理登记数')).toEqual({
      label: '受理登记数',
      value: '30',
      basis: '',
    });
    expect(report.parkColumns[0]).toBe('受理登记数');
    expect(report.parkRows[0]).toEqual({
      parkName: '正阳工业园区',
      ranked: true,
      cells: ['20', '75.0%', '—', '66.7%', '100.0%', '1'],
    });
    expect(formatIndicator({ code: 'HANDLING_DAYS_P90', numerator: 4, denominator: null, value: 7.25 })).toBe(
      '7.3',
    );
  });

  it('says so when no department delayed', () => {
    const calm: MonthlyReportInput = { ...input, parks: [{ ...input.parks[1], departments: [] }] };
    expect(monthlyReportOf(calm).delayed).toEqual([]);
    expect(monthlyReportOf(calm).delaySentence).toBe(
      '本月各园区部门均按时答复、按时办结，无超期未办结问题。',
    );
  });
});
