import { describe, expect, it } from 'vitest';
import { chartOption, pointAt } from '../chart-options';
import {
  categoryTable,
  departmentRanking,
  drillPartsOf,
  overallFigures,
  trendTable,
  type Labels,
} from '../dashboard-figures';
import { dashboardFixture, DISTRICT_ID, ECONOMY, ZHENGYANG } from './dashboard-fixtures';

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
    expect(unranked.map((d) => d.sample)).toEqual([2, 1]);
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
