import {
  chineseDaysHolidaySource,
  nationalScheduleToYaml,
  nextYearMissing,
  parseNationalSchedule,
  scheduleOfYear,
  scheduleDays,
  type NationalSchedule,
} from '@qifu/domain';
import type { Actor } from '../access/actor.js';
import { recordPlatformAudit } from '../audit/audit.js';
import { todayIn, type Clock } from '../common/clock.js';
import { badInput, conflict, notFound } from '../common/errors.js';
import type { TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import type {
  ImportNationalCalendarInput,
  NationalCalendarStatus,
  NationalCalendarYear,
} from './national-calendar.models.js';
import { forgetNationalHolidays, importedSchedules, nationalHolidays } from './national-holidays.js';

/**
 * The national holiday arrangement, year by year: the bundled years and those the platform imports
 * from the State Council's notice. An import is a new version of its year, in force at once; the
 * deadlines left pending for want of it are then computed (`computePending`, and every sweep).
 */
export class NationalCalendarService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
    /**
     * Starts the computation of pending deadlines after an import (a job). It must not throw: the
     * deadline sweep computes them too, so a queue that is down delays this and loses nothing.
     */
    private readonly computePending: (() => Promise<unknown>) | null = null,
  ) {}

  years(actor: Actor): Promise<NationalCalendarYear[]> {
    return this.db.run(actor, async (em) => {
      const imported = new Map((await importedSchedules(em)).map((s) => [s.year, s]));
      const bundled = chineseDaysHolidaySource();
      const years = [...new Set([...bundled.coveredYears(), ...imported.keys()])].sort((a, b) => b - a);
      return years.map((year) => {
        const own = imported.get(year);
        if (own)
          return {
            year,
            source: 'IMPORTED' as const,
            version: own.version,
            notice: own.notice,
            importedAt: own.importedAt,
            importedByName: own.importedByName,
            holidays: own.holidays,
          };
        return {
          year,
          source: 'BUNDLED' as const,
          version: null,
          notice: null,
          importedAt: null,
          importedByName: null,
          holidays: scheduleOfYear(bundled, year)!.holidays,
        };
      });
    });
  }

  status(actor: Actor): Promise<NationalCalendarStatus> {
    return this.db.run(actor, async (em) => {
      const national = await nationalHolidays(em);
      const today = todayIn(this.clock);
      return { today, coveredYears: national.coveredYears(), missingYear: nextYearMissing(national, today) };
    });
  }

  /** A covered year as the YAML file the import reads (to check, correct or start the next year from). */
  async file(actor: Actor, year: number): Promise<string> {
    const found = (await this.years(actor)).find((y) => y.year === year);
    if (!found) throw notFound('节假日安排 / National calendar year', 'year');
    return nationalScheduleToYaml({ year, notice: found.notice, holidays: found.holidays });
  }

  async import(actor: Actor, input: ImportNationalCalendarInput): Promise<NationalCalendarYear> {
    const parsed = parseNationalSchedule(input.format, input.content);
    if (!parsed.ok)
      throw badInput(
        parsed.problems.map((p) => ({ path: p.path ? `content.${p.path}` : 'content', message: p.message })),
      );
    const schedule: NationalSchedule = parsed.schedule;
    const version = await this.importSchedule(actor, schedule).catch((error: unknown) => {
      const { code } = ((error as { driverError?: unknown }).driverError ?? error) as { code?: string };
      if (code === '23505')
        throw conflict(
          'content',
          '同一年份正被他人导入，请刷新后重试 / The year was imported meanwhile: reload and retry',
        );
      throw error;
    });
    forgetNationalHolidays(this.db);
    await this.computePending?.();
    const [year] = (await this.years(actor)).filter((y) => y.year === schedule.year);
    return { ...year, version };
  }

  private importSchedule(actor: Actor, schedule: NationalSchedule): Promise<number> {
    return this.db.run(actor, async (em) => {
      // Versions of a year in order; two imports at once: the primary key refuses the second.
      const [{ next }] = await rowsOf(
        em,
        kysely
          .selectFrom('national_calendar_years')
          .select((eb) => eb(eb.fn.coalesce(eb.fn.max('version'), eb.lit(0)), '+', eb.lit(1)).as('next'))
          .where('year', '=', schedule.year),
      );
      await rowsOf(
        em,
        kysely.insertInto('national_calendar_years').values({
          year: schedule.year,
          version: next,
          notice: schedule.notice,
          // JSON text, which PostgreSQL reads into the jsonb column (pg would send an array as a PostgreSQL array).
          holidays: JSON.stringify(schedule.holidays),
          imported_by: actor.userId || null,
        }),
      );
      const days = [...scheduleDays(schedule).values()];
      await recordPlatformAudit(em, actor, {
        action: 'national_calendar.imported',
        subjectType: 'NationalCalendarYear',
        subjectId: String(schedule.year),
        after: {
          year: schedule.year,
          version: next,
          notice: schedule.notice,
          daysOff: days.filter((d) => d.kind === 'HOLIDAY').length,
          makeupWorkdays: days.filter((d) => d.kind === 'MAKEUP_WORKDAY').length,
        },
      });
      return next;
    });
  }
}
