import {
  LayeredHolidaySource,
  workingDayCalendarFor,
  type NationalSchedule,
  type ParkRules,
  type WorkingDayCalendar,
} from '@qifu/domain';
import type { EntityManager } from 'typeorm';
import { Scope, type TenantDb } from '../database/tenant-db.js';

/** A year's arrangement as the platform imported it (its newest version). */
export interface ImportedSchedule extends NationalSchedule {
  version: number;
  importedAt: Date;
  importedByName: string | null;
}

/** The newest imported version of each year (the table is readable in every scope). */
export async function importedSchedules(em: EntityManager): Promise<ImportedSchedule[]> {
  return (await em.query(
    `SELECT DISTINCT ON (n.year) n.year, n.version, n.notice, n.holidays, n.imported_at AS "importedAt",
            u.display_name AS "importedByName"
       FROM national_calendar_years n LEFT JOIN users u ON u.id = n.imported_by
      ORDER BY n.year, n.version DESC`,
  )) as ImportedSchedule[];
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
