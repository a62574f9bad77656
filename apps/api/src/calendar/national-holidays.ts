import {
  isIsoDate,
  LayeredHolidaySource,
  workingDayCalendarFor,
  type NationalHoliday,
  type NationalSchedule,
  type ParkRules,
  type WorkingDayCalendar,
} from '@qifu/domain';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { Json } from '../database/db-types.js';
import { Scope, type TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';

/** A year's arrangement as the platform imported it (its newest version). */
export interface ImportedSchedule extends NationalSchedule {
  version: number;
  importedAt: Date;
  importedByName: string | null;
}

const isoDate = z.string().refine(isIsoDate);

/** The holidays column as the import wrote it (a validated schedule's holidays). */
const storedHolidays = z.array(
  z.object({
    nameZh: z.string(),
    nameEn: z.string(),
    from: isoDate,
    to: isoDate,
    workdays: z.array(isoDate),
  }),
);

function holidaysOf(year: number, stored: Json): NationalHoliday[] {
  const parsed = storedHolidays.safeParse(stored);
  if (!parsed.success)
    throw new Error(`national_calendar_years ${year}: holidays unreadable: ${parsed.error.message}`);
  return parsed.data;
}

/** The newest imported version of each year (the table is readable in every scope). */
export async function importedSchedules(em: EntityManager): Promise<ImportedSchedule[]> {
  const rows = await rowsOf(
    em,
    kysely
      .selectFrom('national_calendar_years as n')
      .leftJoin('users as u', 'u.id', 'n.imported_by')
      .distinctOn('n.year')
      .select(['n.year', 'n.version', 'n.notice', 'n.holidays', 'n.imported_at', 'u.display_name'])
      .orderBy('n.year')
      .orderBy('n.version', 'desc'),
  );
  return rows.map((row) => ({
    year: row.year,
    version: row.version,
    notice: row.notice,
    holidays: holidaysOf(row.year, row.holidays),
    importedAt: row.imported_at,
    importedByName: row.display_name,
  }));
}

// Another process may import a year: each process reads the table again at most this long after.
// A deadline left pending meanwhile is computed by the next deadline sweep.
const REFRESH_MS = 60_000;
// Keyed by the database reached (a TenantDb's cacheKey, a transaction's connection: the same object).
const snapshots = new WeakMap<object, { source: LayeredHolidaySource; loadedAt: number }>();

/**
 * The national arrangement in force for the database of `em`: the bundled years with the imported
 * ones over them, read again once a minute.
 */
export async function nationalHolidays(em: EntityManager): Promise<LayeredHolidaySource> {
  const held = snapshots.get(em.connection);
  if (held && Date.now() - held.loadedAt < REFRESH_MS) return held.source;
  const source = new LayeredHolidaySource(await importedSchedules(em));
  snapshots.set(em.connection, { source, loadedAt: Date.now() });
  return source;
}

/** As nationalHolidays, outside a transaction: one is opened only when the copy is stale. */
export async function nationalHolidaysOf(db: TenantDb): Promise<LayeredHolidaySource> {
  const held = snapshots.get(db.cacheKey);
  if (held && Date.now() - held.loadedAt < REFRESH_MS) return held.source;
  return db.run(Scope.anonymous(), (em) => nationalHolidays(em));
}

/** Drops this process's copy, so the next read sees an import at once. */
export function forgetNationalHolidays(db: TenantDb): void {
  snapshots.delete(db.cacheKey);
}

// Rules objects (from the rules cache) and sources never change: each pair's calendar is built once.
const calendars = new WeakMap<LayeredHolidaySource, WeakMap<ParkRules, WorkingDayCalendar>>();

/** The working-day calendar of a park: the national arrangement in force plus the park's overrides. */
export function parkCalendar(rules: ParkRules, national: LayeredHolidaySource): WorkingDayCalendar {
  let byRules = calendars.get(national);
  if (!byRules) calendars.set(national, (byRules = new WeakMap()));
  let calendar = byRules.get(rules);
  if (!calendar) byRules.set(rules, (calendar = workingDayCalendarFor(rules, national)));
  return calendar;
}
