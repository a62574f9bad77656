import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  LayeredHolidaySource,
  nationalScheduleToYaml,
  nextYearMissing,
  parseNationalScheduleCsv,
  parseNationalScheduleYaml,
  scheduleOfYear,
  type NationalSchedule,
} from '../national-schedule.js';
import { addWorkingDays, chineseDaysHolidaySource, createWorkingDayCalendar } from '../working-days.js';
import { CalendarDataMissingError } from '../../rules/errors.js';

const fixture = (ext: 'yaml' | 'csv') =>
  readFileSync(
    fileURLToPath(new URL(`../../../../../tests/fixtures/national-calendar-2027.${ext}`, import.meta.url)),
    'utf8',
  );

function parsed(text: string, parse = parseNationalScheduleYaml): NationalSchedule {
  const result = parse(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.schedule;
}

const schedule2027 = parsed(fixture('yaml'));

describe('a national schedule file', () => {
  it('reads the YAML form of a notice: holidays with their days off and make-up working days', () => {
    expect(schedule2027.year).toBe(2027);
    expect(schedule2027.holidays).toHaveLength(7);
    expect(schedule2027.holidays[1]).toEqual({
      nameZh: '春节',
      nameEn: 'Spring Festival',
      from: '2027-02-05',
      to: '2027-02-12',
      workdays: ['2027-02-14', '2027-02-20'],
    });
  });

  it('reads the CSV form, one day a row, into the same schedule', () => {
    const fromCsv = parsed(fixture('csv'), parseNationalScheduleCsv);
    expect(fromCsv.holidays).toEqual(schedule2027.holidays);
  });

  it('names the field of each problem and accepts nothing', () => {
    const result = parseNationalScheduleYaml(`
year: 2027
holidays:
  - name: 元旦
    from: 2027-01-03
    to: 2027-01-01
  - name: 春节
    from: 2027-02-05
    to: 2027-02-12
    workdays: [2027-02-06, 2027-02-16]
  - name: 重复
    from: 2027-02-12
    to: 2026-02-13
`);
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: 'holidays[0].to', message: 'must not be before from' },
        { path: 'holidays[1].workdays[0]', message: '2027-02-06 is already listed at holidays[1].from' },
        {
          path: 'holidays[1].workdays[1]',
          message: '2027-02-16 is a weekday: a make-up working day replaces a Saturday or Sunday',
        },
        { path: 'holidays[2].to', message: 'must be in 2027' },
      ],
    });
    const misspelt = parseNationalScheduleYaml('year: 2027\nholiday: []\n');
    expect(misspelt.ok || misspelt.problems).toEqual(
      expect.arrayContaining([
        { path: '', message: 'Unrecognized key: "holiday"' },
        { path: 'holidays', message: 'must list the holidays' },
      ]),
    );
    expect(parseNationalScheduleYaml('year: [').ok).toBe(false);
  });

  it('names the line of each CSV problem', () => {
    expect(parseNationalScheduleCsv('date,type,name,nameEn\n2027-01-01,休,元旦,\n2027-13-01,放,,\n')).toEqual(
      {
        ok: false,
        problems: [
          { path: 'line 3.date', message: 'must be a date YYYY-MM-DD' },
          { path: 'line 3.type', message: 'must be 休 (day off) or 班 (make-up working day)' },
          { path: 'line 3.name', message: 'must not be empty' },
        ],
      },
    );
    expect(parseNationalScheduleCsv('日期,类型\n').ok).toBe(false);
    expect(
      parseNationalScheduleCsv('date,type,name,nameEn\n2027-01-01,休,元旦,\n2028-01-01,休,元旦,\n'),
    ).toEqual({
      ok: false,
      problems: [{ path: 'line 3.date', message: 'must be in 2027, as the first row' }],
    });
    expect(parseNationalScheduleCsv('date,type,name,nameEn\n2027-02-14,班,春节,\n')).toEqual({
      ok: false,
      problems: [
        {
          path: 'line 2.name',
          message: 'no day off of 春节 is listed: a make-up working day belongs to a holiday',
        },
      ],
    });
  });
});

describe('the layered national source', () => {
  it('computes a deadline across the new year once the coming year is imported, with its days in the trace', () => {
    const bundled = createWorkingDayCalendar();
    expect(() => addWorkingDays(bundled, '2026-12-30', 5)).toThrow(CalendarDataMissingError);
    const calendar = createWorkingDayCalendar({ national: new LayeredHolidaySource([schedule2027]) });
    const { due, trace } = addWorkingDays(calendar, '2026-12-30', 5);
    expect(due).toBe('2027-01-07');
    expect(trace.map((d) => [d.date, d.reason, d.counted])).toEqual([
      ['2026-12-31', 'WORKDAY', true],
      ['2027-01-01', 'HOLIDAY', false],
      ['2027-01-02', 'HOLIDAY', false],
      ['2027-01-03', 'HOLIDAY', false],
      ['2027-01-04', 'WORKDAY', true],
      ['2027-01-05', 'WORKDAY', true],
      ['2027-01-06', 'WORKDAY', true],
      ['2027-01-07', 'WORKDAY', true],
    ]);
    expect(trace[1]).toMatchObject({ holidayName: '元旦', holidayNameEn: "New Year's Day" });
    // Make-up working days count: Sunday 2027-02-14 is worked.
    expect(addWorkingDays(calendar, '2027-02-04', 1).due).toBe('2027-02-14');
  });

  it('replaces a bundled year whole when that year is imported', () => {
    const corrected = parsed(`
year: 2026
holidays:
  - name: 元旦
    from: 2026-01-01
    to: 2026-01-01
`);
    const source = new LayeredHolidaySource([corrected]);
    expect(source.entry('2026-01-01')?.kind).toBe('HOLIDAY');
    // The bundled 2026 National Day is gone with the bundled year.
    expect(source.entry('2026-10-01')).toBeUndefined();
    expect(chineseDaysHolidaySource().entry('2026-10-01')?.kind).toBe('HOLIDAY');
    expect(source.entry('2025-10-01')?.kind).toBe('HOLIDAY');
    expect(source.isImported(2026)).toBe(true);
    expect(source.coveredYears()).toContain(2026);
  });

  it('writes a bundled year as a file that reads back to the same days', () => {
    const bundled = chineseDaysHolidaySource();
    const yaml = nationalScheduleToYaml(scheduleOfYear(bundled, 2026)!);
    const again = new LayeredHolidaySource([parsed(yaml)]);
    for (let month = 1; month <= 12; month++)
      for (let day = 1; day <= 28; day++) {
        const date = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        expect({ date, entry: again.entry(date)?.kind }).toEqual({ date, entry: bundled.entry(date)?.kind });
      }
    expect(scheduleOfYear(bundled, 2027)).toBeNull();
  });

  it('asks for the coming year from 1 November until it is there', () => {
    const bundled = chineseDaysHolidaySource();
    expect(nextYearMissing(bundled, '2026-10-31')).toBeNull();
    expect(nextYearMissing(bundled, '2026-11-01')).toBe(2027);
    expect(nextYearMissing(bundled, '2026-12-31')).toBe(2027);
    expect(nextYearMissing(new LayeredHolidaySource([schedule2027]), '2026-12-07')).toBeNull();
  });
});
