import { describe, expect, it } from 'vitest';
import { chartOption, pointAt } from '../chart-options';
import {
  categoryTable,
  departmentRanking,
  departmentTable,
  drillPartsOf,
  overallFigures,
  overdueTable,
  tierCodesOf,
  trendTable,
  type Labels,
} from '../dashboard-figures';
import { dashboardFixture, DISTRICT_ID, ECONOMY, PLANNING, ZHENGYANG } from './dashboard-fixtures';

const labels: Labels = {
  indicator: (code) => code,
  grade: (code) => code,
  category: (code) => code,
  categoryHeading: 'category',
  park: 'park',
  department: 'department',
  month: 'month',
  count: 'count',
  sample: 'sample',
  withoutDepartment: 'none',
  unnamedDepartment: '?',
  tier: (code) => `tier ${code}`,
  byTier: 'by tier',
  anyDepartment: 'any department',
  noDepartment: 'no department',
  replyOnTime: 'reply',
  completionOnTime: 'completion',
};

describe('dashboard figures', () => {
  it('drills into a rate’s numerator and denominator, a count, and the cases of a handling time', () => {
    expect(
      drillPartsOf({ code: 'SATISFACTION_RATE', value: 0.5, numerator: 1, denominator: 2 }, { parkId: 'p' }),
    ).toEqual([
      { role: 'numerator', selector: 'SATISFIED', scope: { parkId: 'p' }, expected: 1 },
      { role: 'denominator', selector: 'SATISFACTION_ANSWERED', scope: { parkId: 'p' }, expected: 2 },
    ]);
    expect(drillPartsOf({ code: 'OVERDUE_NOW', value: 3, numerator: 3, denominator: null }, {})).toEqual([
      { role: 'count', selector: 'OVERDUE_NOW', scope: {}, expected: 3 },
    ]);
    expect(
      drillPartsOf({ code: 'HANDLING_DAYS_P90', value: 9, numerator: 4, denominator: null }, {}),
    ).toEqual([{ role: 'cases', selector: 'HANDLED', scope: {}, expected: 4 }]);
  });

  it('adds up several districts: counts and rates from their parts, the mean weighted, no 90th percentile', () => {
    const one = dashboardFixture().districts[0];
    const other = {
      ...one,
      districtId: 'd-2',
      indicators: one.indicators.map((f) =>
        f.code === 'HANDLING_DAYS_MEAN' ? { ...f, value: 1.5, numerator: 2 } : f,
      ),
    };
    const figures = overallFigures(dashboardFixture({ districts: [one, other] }));
    const get = (code: string) => figures.find((f) => f.code === code);
    expect(get('RECEIVED')).toEqual({ code: 'RECEIVED', value: 24, numerator: 24, denominator: null });
    expect(get('REPLY_ON_TIME_RATE')).toEqual({
      code: 'REPLY_ON_TIME_RATE',
      value: 12 / 16,
      numerator: 12,
      denominator: 16,
    });
    expect(get('HANDLING_DAYS_MEAN')?.value).toBeCloseTo((4.5 * 4 + 1.5 * 2) / 6);
    expect(get('HANDLING_DAYS_P90')?.value).toBeNull();
    // One district: its figures as the API gives them.
    const single = dashboardFixture();
    expect(single.districts[0].districtId).toBe(DISTRICT_ID);
    expect(overallFigures(single)).toBe(single.districts[0].indicators);
  });

  it('draws a trend line per park whose points open that park’s month', () => {
    const table = trendTable(dashboardFixture(), 'RECEIVED', labels);
    const option = chartOption(table, 'line') as { series: { name: string; data: number[] }[] };
    expect(option.series.map((s) => s.data)).toEqual([
      [4, 5],
      [1, 2],
    ]);
    const point = pointAt(table, 'line', 0, 1)!;
    expect(point.row.drills[point.column.key].parts).toEqual([
      { role: 'count', selector: 'RECEIVED', scope: { parkId: ZHENGYANG, month: '2026-11' }, expected: 5 },
    ]);
  });

  it('ranks departments with enough cases and keeps the others apart with their sample', () => {
    const { table, unranked } = departmentRanking(dashboardFixture(), labels);
    expect(table.rows.map((r) => r.key)).toEqual([`${ZHENGYANG}/${ECONOMY}`]);
    // Not the row of no department: it has no reply due to rank.
    expect(unranked.map((d) => d.sample)).toEqual([2, 1]);
  });

  it('gives each department’s overdue deadlines by tier, each cell opening that tier’s deadlines', () => {
    const data = dashboardFixture();
    // In the built-in order, only the tiers with something overdue.
    expect(tierCodesOf(data)).toEqual(['LEAD', 'SPLIT', 'ASSISTING']);
    const table = overdueTable(data, labels);
    expect(table.columns.map((c) => [c.key, c.label, c.group ?? null])).toEqual([
      ['department', 'any department', null],
      ['OVERDUE_NOW', 'OVERDUE_NOW', null],
      ['tier:LEAD', 'tier LEAD', 'by tier'],
      ['tier:SPLIT', 'tier SPLIT', 'by tier'],
      ['tier:ASSISTING', 'tier ASSISTING', 'by tier'],
    ]);
    const cells = Object.fromEntries(table.rows.map((r) => [r.key, r.cells]));
    const multi = (name: string) => `重庆市正阳工业园区 · ${name}`;
    expect(cells[`${ZHENGYANG}/${ECONOMY}`]).toEqual({
      department: multi('经济发展部'),
      OVERDUE_NOW: 2,
      'tier:LEAD': 1,
      'tier:SPLIT': 0,
      'tier:ASSISTING': 1,
    });
    expect(cells[`${ZHENGYANG}/${PLANNING}`]).toMatchObject({
      OVERDUE_NOW: 1,
      'tier:SPLIT': 1,
      'tier:LEAD': 0,
    });
    // A late follow-up is the service center's: no department, no tier.
    expect(cells[`${ZHENGYANG}/-`]).toEqual({
      department: multi('no department'),
      OVERDUE_NOW: 1,
      'tier:LEAD': null,
      'tier:SPLIT': null,
      'tier:ASSISTING': null,
    });
    const economy = table.rows.find((r) => r.key === `${ZHENGYANG}/${ECONOMY}`)!;
    expect(economy.drills['tier:ASSISTING'].parts).toEqual([
      {
        role: 'count',
        selector: 'OVERDUE_DEADLINES',
        scope: { parkId: ZHENGYANG, departmentId: ECONOMY, tierCode: 'ASSISTING' },
        expected: 1,
      },
    ]);
    expect(economy.drills.OVERDUE_NOW.parts[0]).toMatchObject({
      selector: 'OVERDUE_DEADLINES',
      scope: { parkId: ZHENGYANG, departmentId: ECONOMY },
      expected: 2,
    });
    // Nothing to open where a tier has nothing overdue.
    expect(economy.drills['tier:SPLIT']).toBeUndefined();
    const none = table.rows.find((r) => r.key === `${ZHENGYANG}/-`)!;
    expect(none.drills.OVERDUE_NOW.parts[0].scope).toEqual({ parkId: ZHENGYANG, withoutDepartment: true });
  });

  it('orders the tiers as the parks’ rules list them', () => {
    const data = dashboardFixture({
      assignmentTiers: [
        { code: 'ASSISTING', labelZh: '协办', labelEn: 'Assisting' },
        { code: 'LEAD', labelZh: '牵头', labelEn: 'Lead' },
      ],
    });
    expect(tierCodesOf(data)).toEqual(['ASSISTING', 'LEAD', 'SPLIT']);
  });

  it('lists every department with its rates as lead and its overdue deadlines, no department last', () => {
    const table = departmentTable(dashboardFixture(), labels);
    expect(table.columns.map((c) => c.key)).toEqual([
      'department',
      'REPLY_ON_TIME_RATE',
      'COMPLETION_ON_TIME_RATE',
      'OVERDUE_NOW',
      'tier:LEAD',
      'tier:SPLIT',
      'tier:ASSISTING',
    ]);
    // Park by park as the API lists them; by name (pinyin) within a park, no department last.
    expect(table.rows.map((r) => r.cells.department)).toEqual([
      '重庆市正阳工业园区 · 规划建设部',
      '重庆市正阳工业园区 · 经济发展部',
      '重庆市正阳工业园区 · no department',
      '武陵山工业园区 · 财政金融部',
    ]);
    const planning = table.rows.find((r) => r.key === `${ZHENGYANG}/${PLANNING}`)!;
    expect(planning.cells).toMatchObject({ REPLY_ON_TIME_RATE: 0.5, COMPLETION_ON_TIME_RATE: 1 });
    expect(planning.drills.REPLY_ON_TIME_RATE.parts.map((p) => p.selector)).toEqual([
      'REPLIED_ON_TIME',
      'REPLY_DUE',
    ]);
    // No rate where nothing was due.
    const none = table.rows.find((r) => r.key === `${ZHENGYANG}/-`)!;
    expect(none.cells.REPLY_ON_TIME_RATE).toBeNull();
    expect(none.drills.REPLY_ON_TIME_RATE).toBeUndefined();
  });

  it('adds up the category mix over the parks, most first, each slice opening its category', () => {
    const table = categoryTable(dashboardFixture(), labels);
    expect(table.rows.map((r) => [r.key, r.cells.count])).toEqual([
      ['POWER_SUPPLY', 8],
      ['FINANCING', 4],
    ]);
    const point = pointAt(table, 'donut', 0, 0, 'count')!;
    expect(point.row.drills.count.parts[0]).toEqual({
      role: 'count',
      selector: 'RECEIVED',
      scope: { categoryCode: 'POWER_SUPPLY' },
      expected: 8,
    });
  });
});
