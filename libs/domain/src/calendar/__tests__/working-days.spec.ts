import fc from 'fast-check';
import { parkRules } from '../../rules/__tests__/park-fixtures.js';
import { CalendarDataMissingError, InvalidArgumentError, InvalidDateError } from '../../rules/errors.js';
import { addDaysToIsoDate, isoDateInChina } from '../iso-date.js';
import {
  addCalendarDays,
  addWorkingDays,
  computeDeadline,
  coveredYears,
  createWorkingDayCalendar,
  isWorkingDay,
  workingDayCalendarFor,
  workingDaysBefore,
  type NationalHolidaySource,
} from '../working-days.js';

const national = createWorkingDayCalendar();
const zhengyang = workingDayCalendarFor(parkRules('zhengyang'));
const wulingshan = workingDayCalendarFor(parkRules('wulingshan'));

describe('addWorkingDays with the national calendar', () => {
  it('counts 5 working days from Thu 2026-09-24 to Fri 2026-10-09 across Mid-Autumn and National Day', () => {
    const { due, trace } = addWorkingDays(national, '2026-09-24', 5);
    expect(due).toBe('2026-10-09');
    const midAutumn = {
      counted: false,
      reason: 'HOLIDAY',
      holidayName: '中秋',
      holidayNameEn: 'Mid-autumn Festival',
    };
    const nationalDay = {
      counted: false,
      reason: 'HOLIDAY',
      holidayName: '国庆节',
      holidayNameEn: 'National Day',
    };
    const workday = { counted: true, reason: 'WORKDAY' };
    expect(trace).toEqual([
      { date: '2026-09-25', ...midAutumn },
      { date: '2026-09-26', ...midAutumn },
      { date: '2026-09-27', ...midAutumn },
      { date: '2026-09-28', ...workday },
      { date: '2026-09-29', ...workday },
      { date: '2026-09-30', ...workday },
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, ...nationalDay })),
      { date: '2026-10-08', ...workday },
      { date: '2026-10-09', ...workday },
    ]);
  });

  it('counts the make-up working days Sun 2026-09-20 and Sat 2026-10-10', () => {
    expect(addWorkingDays(national, '2026-09-24', 6).due).toBe('2026-10-10');
    expect(addWorkingDays(national, '2026-09-24', 6).trace.at(-1)).toEqual({
      date: '2026-10-10',
      counted: true,
      reason: 'MAKEUP_WORKDAY',
      holidayName: '国庆节',
      holidayNameEn: 'National Day',
    });
    expect(addWorkingDays(national, '2026-09-18', 1)).toEqual({
      due: '2026-09-20',
      trace: [
        { date: '2026-09-19', counted: false, reason: 'WEEKEND' },
        {
          date: '2026-09-20',
          counted: true,
          reason: 'MAKEUP_WORKDAY',
          holidayName: '国庆节',
          holidayNameEn: 'National Day',
        },
      ],
    });
    expect(isWorkingDay(national, '2026-09-20')).toBe(true);
    expect(isWorkingDay(national, '2026-10-11')).toBe(false);
  });

  it('skips ordinary weekends', () => {
    expect(addWorkingDays(national, '2026-03-06', 1)).toEqual({
      due: '2026-03-09',
      trace: [
        { date: '2026-03-07', counted: false, reason: 'WEEKEND' },
        { date: '2026-03-08', counted: false, reason: 'WEEKEND' },
        { date: '2026-03-09', counted: true, reason: 'WORKDAY' },
      ],
    });
    // From a Saturday, Monday is the first working day: day 0 never counts.
    expect(addWorkingDays(national, '2026-03-07', 1).due).toBe('2026-03-09');
    expect(addWorkingDays(national, '2026-03-07', 0)).toEqual({ due: '2026-03-07', trace: [] });
  });

  it('refuses a year without national data instead of guessing Monday–Friday', () => {
    // chinese-days 1.5.7 ends with 2026; a release with the 2027 notice will move this test on.
    expect(() => addWorkingDays(national, '2026-12-30', 5)).toThrow(CalendarDataMissingError);
    expect(() => isWorkingDay(national, '2027-03-01')).toThrow(
      expect.objectContaining({ code: 'CALENDAR_DATA_MISSING', year: 2027 }),
    );
    expect(() => isWorkingDay(national, '2003-06-02')).toThrow(CalendarDataMissingError);
    expect(addWorkingDays(national, '2026-12-30', 1).due).toBe('2026-12-31');
  });

  it('lists the covered years', () => {
    const years = coveredYears();
    expect(years[0]).toBe(2004);
    expect(years).toContain(2026);
    expect(years).not.toContain(2027);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => 2004 + i));
    expect(zhengyang.coveredYears()).toEqual(years);
  });

  it('rejects bad dates and counts', () => {
    expect(() => addWorkingDays(national, '2026-02-30', 1)).toThrow(InvalidDateError);
    expect(() => addWorkingDays(national, '2026/09/24', 1)).toThrow(InvalidDateError);
    expect(() => addWorkingDays(national, '2026-09-24', -1)).toThrow(InvalidArgumentError);
    expect(() => addWorkingDays(national, '2026-09-24', 1.5)).toThrow(InvalidArgumentError);
  });
});

describe('park overrides', () => {
  it('skips a park closure (Wulingshan, 2026-07-15)', () => {
    expect(addWorkingDays(wulingshan, '2026-07-14', 1)).toEqual({
      due: '2026-07-16',
      trace: [
        {
          date: '2026-07-15',
          counted: false,
          reason: 'PARK_CLOSURE',
          parkReason: '园区供电线路检修，全园停工',
        },
        { date: '2026-07-16', counted: true, reason: 'WORKDAY' },
      ],
    });
    expect(addWorkingDays(national, '2026-07-14', 1).due).toBe('2026-07-15');
  });

  it('counts an extra park working day (Wulingshan, Sat 2026-11-14)', () => {
    expect(addWorkingDays(wulingshan, '2026-11-13', 1)).toEqual({
      due: '2026-11-14',
      trace: [
        {
          date: '2026-11-14',
          counted: true,
          reason: 'PARK_WORKDAY',
          parkReason: '企业服务集中办理日（周六）',
        },
      ],
    });
    expect(addWorkingDays(national, '2026-11-13', 1).due).toBe('2026-11-16');
  });

  it('puts the park before the national arrangement', () => {
    const calendar = createWorkingDayCalendar({
      overrides: {
        closures: [{ date: '2026-10-10', reason: '停电' }],
        extraWorkdays: [{ date: '2026-10-02', reason: '国庆值守' }],
      },
    });
    expect(calendar.describeDay('2026-10-10')).toEqual({
      date: '2026-10-10',
      working: false,
      reason: 'PARK_CLOSURE',
      parkReason: '停电',
    });
    expect(calendar.describeDay('2026-10-02')).toEqual({
      date: '2026-10-02',
      working: true,
      reason: 'PARK_WORKDAY',
      parkReason: '国庆值守',
    });
  });

  it('still refuses an uncovered year, whatever the park lists', () => {
    const calendar = createWorkingDayCalendar({
      overrides: { closures: [], extraWorkdays: [{ date: '2027-01-04', reason: 'x' }] },
    });
    expect(() => calendar.isWorkingDay('2027-01-04')).toThrow(CalendarDataMissingError);
  });
});

describe('computeDeadline', () => {
  const rules = parkRules('zhengyang');

  it('applies the stage unit and the urgent override', () => {
    expect(computeDeadline(rules, zhengyang, 'referralReply', '2026-09-24')).toMatchObject({
      stage: 'referralReply',
      urgency: 'NORMAL',
      amount: 5,
      unit: 'WORKING_DAYS',
      due: '2026-10-09',
    });
    expect(computeDeadline(rules, zhengyang, 'departmentReply', '2026-09-24').due).toBe('2026-10-15');
    expect(computeDeadline(rules, zhengyang, 'departmentReply', '2026-09-24', 'URGENT')).toMatchObject({
      amount: 3,
      due: '2026-09-30',
    });
    // No urgent override: the normal amount applies.
    expect(computeDeadline(rules, zhengyang, 'referralReply', '2026-09-24', 'URGENT').due).toBe('2026-10-09');
    expect(computeDeadline(rules, zhengyang, 'bGradeReviewInterval', '2026-09-24')).toEqual({
      stage: 'bGradeReviewInterval',
      urgency: 'NORMAL',
      from: '2026-09-24',
      amount: 30,
      unit: 'CALENDAR_DAYS',
      due: '2026-10-24',
      trace: [],
    });
  });

  it('gives Wulingshan 7 working days, around its closure', () => {
    expect(computeDeadline(parkRules('wulingshan'), wulingshan, 'referralReply', '2026-07-14').due).toBe(
      '2026-07-24',
    );
  });

  it('adds calendar days across months and leap days', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-09-24', 0)).toBe('2026-09-24');
  });
});

describe('addWorkingDays properties', () => {
  const firstDay = Date.UTC(2004, 0, 1);
  const lastDay = Date.UTC(2026, 8, 30);
  const isoDate = fc
    .integer({ min: 0, max: (lastDay - firstDay) / 86_400_000 })
    .map((i) => addDaysToIsoDate('2004-01-01', i));

  const checkResult = (
    calendar: ReturnType<typeof createWorkingDayCalendar>,
    from: string,
    n: number,
  ): void => {
    const { due, trace } = addWorkingDays(calendar, from, n);
    expect(trace.filter((day) => day.counted)).toHaveLength(n);
    expect(trace.map((day) => day.date)).toEqual(trace.map((_, i) => addDaysToIsoDate(from, i + 1)));
    if (n > 0) {
      expect(calendar.isWorkingDay(due)).toBe(true);
      expect(trace.at(-1)).toMatchObject({ date: due, counted: true });
    } else {
      expect(due).toBe(from);
    }
    for (const day of trace) expect(calendar.isWorkingDay(day.date)).toBe(day.counted);
  };

  it('lands on a working day after exactly n counted days (national calendar)', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 40 }), (from, n) => checkResult(national, from, n)),
    );
  });

  it('holds with arbitrary park closures and extra working days', () => {
    const offsets = fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 12 });
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 20 }), offsets, offsets, (from, n, closed, worked) => {
        const closures = closed.map((i) => ({ date: addDaysToIsoDate(from, i), reason: 'closed' }));
        const closedDates = new Set(closures.map((c) => c.date));
        const extraWorkdays = worked
          .map((i) => ({ date: addDaysToIsoDate(from, i), reason: 'worked' }))
          .filter((w) => !closedDates.has(w.date));
        checkResult(createWorkingDayCalendar({ overrides: { closures, extraWorkdays } }), from, n);
      }),
    );
  });
});

describe('workingDaysBefore (cut-offs)', () => {
  it('is the last working day that leaves n working days up to the date', () => {
    // Due Tue 2026-12-15: at least 2 working days ahead means by Fri 11 (Mon 14 and Tue 15 remain).
    expect(workingDaysBefore(national, '2026-12-15', 2)).toBe('2026-12-11');
    expect(workingDaysBefore(national, '2026-12-15', 1)).toBe('2026-12-14');
    expect(workingDaysBefore(national, '2026-12-15', 0)).toBe('2026-12-15');
    // Across National Day: due Fri 2026-10-09, 2 working days (Thu 8, Fri 9) ahead: by Wed 30 Sep.
    expect(workingDaysBefore(national, '2026-10-09', 2)).toBe('2026-09-30');
  });
});

describe('a custom national source', () => {
  const source: NationalHolidaySource = {
    covers: (year) => year === 2030,
    coveredYears: () => [2030],
    entry: (date) =>
      date === '2030-01-01'
        ? { kind: 'HOLIDAY', nameZh: '元旦', nameEn: "New Year's Day" }
        : date === '2030-01-05'
          ? { kind: 'MAKEUP_WORKDAY', nameZh: '元旦', nameEn: "New Year's Day" }
          : undefined,
  };

  it('is used instead of chinese-days', () => {
    const calendar = createWorkingDayCalendar({ national: source });
    expect(addWorkingDays(calendar, '2029-12-31', 4).trace.map((d) => [d.date, d.reason])).toEqual([
      ['2030-01-01', 'HOLIDAY'],
      ['2030-01-02', 'WORKDAY'],
      ['2030-01-03', 'WORKDAY'],
      ['2030-01-04', 'WORKDAY'],
      ['2030-01-05', 'MAKEUP_WORKDAY'],
    ]);
    expect(calendar.coveredYears()).toEqual([2030]);
  });
});

describe('today in the parks', () => {
  it('is the date in Beijing, whatever the server’s time zone', () => {
    // 17:30 UTC on 30 September is already National Day in China.
    expect(isoDateInChina(new Date('2026-09-30T17:30:00Z'))).toBe('2026-10-01');
    expect(isoDateInChina(new Date('2026-09-30T15:59:00Z'))).toBe('2026-09-30');
  });
});
