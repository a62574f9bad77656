import type { Logger } from 'pino';
import { z } from 'zod';
import { systemClock, todayIn, type Clock } from '../common/clock.js';
import { Scope, type TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import { defineJob, defineParkJob, rowId } from '../jobs/job-definition.js';
import { rebuildPark, refreshCases } from './dashboard-refresh.js';

export const DASHBOARD_REFRESH_CASE = 'dashboard.refreshCase';
export const DASHBOARD_REBUILD = 'dashboard.rebuild';

export interface DashboardJobDeps {
  db: TenantDb;
  logger: Logger;
  /** Today for what fell due before it (the system clock when absent). */
  clock?: Clock;
}

/** The parks a job works on: one park, a district's, or all of them. */
function parksOf(db: TenantDb, { parkId, districtId }: { parkId?: string; districtId?: string }) {
  return db.run(Scope.jobs(), (em) =>
    rowsOf(
      em,
      kysely
        .selectFrom('parks')
        .select(['id', 'district_id'])
        .where((eb) =>
          eb.and([
            ...(parkId === undefined ? [] : [eb('id', '=', parkId)]),
            ...(districtId === undefined ? [] : [eb('district_id', '=', districtId)]),
          ]),
        )
        .orderBy('code'),
    ),
  );
}

/**
 * Cases changed (the cases trigger wrote a job for each in the same transaction): their dashboard
 * rows follow. The dispatcher hands the queue one job for the changes of a park it finds together
 * (`caseIds`); a job of one case (`caseId`) is read too.
 */
export async function refreshCaseDashboard(
  deps: DashboardJobDeps,
  data: { parkId: string; caseId?: string; caseIds?: string[] },
): Promise<{ cases: number }> {
  const caseIds = [...new Set([...(data.caseIds ?? []), ...(data.caseId ? [data.caseId] : [])])];
  const [park] = await parksOf(deps.db, { parkId: data.parkId });
  if (!park || caseIds.length === 0) return { cases: 0 };
  const cases = await deps.db.run(Scope.park(park.id, { districtId: park.district_id }), (em) =>
    refreshCases(
      em,
      { id: park.id, districtId: park.district_id },
      caseIds,
      todayIn(deps.clock ?? systemClock),
    ),
  );
  return { cases };
}

/**
 * Rebuilds the dashboard rows of every park (nightly: what time and settings changed), of one
 * district's parks after its settings changed, or of one park (a job of its outbox); one
 * transaction per park.
 */
export async function rebuildDashboards(
  deps: DashboardJobDeps,
  data: { districtId?: string; parkId?: string } = {},
): Promise<{ parks: number; cases: number }> {
  const parks = await parksOf(deps.db, { parkId: data.parkId, districtId: data.districtId });
  let cases = 0;
  for (const park of parks) {
    cases += await deps.db.run(Scope.park(park.id, { districtId: park.district_id }), (em) =>
      rebuildPark(em, { id: park.id, districtId: park.district_id }, todayIn(deps.clock ?? systemClock)),
    );
  }
  deps.logger.info({ parks: parks.length, cases }, 'dashboards rebuilt');
  return { parks: parks.length, cases };
}

/** A case's refresh as its change wrote it (`caseId`), or a park's changes found together (`caseIds`). */
export const refreshCaseDashboardJob = defineParkJob({
  name: DASHBOARD_REFRESH_CASE,
  payload: { caseId: rowId().optional(), caseIds: z.array(rowId()).max(10_000).optional() },
  handle: (deps, data) => refreshCaseDashboard(deps, data),
});

/** Every park's (the nightly schedule), a district's or a park's (an outbox row of that park). */
export const rebuildDashboardsJob = defineJob({
  name: DASHBOARD_REBUILD,
  payload: { districtId: rowId().optional(), parkId: rowId().optional() },
  handle: (deps, data) => rebuildDashboards(deps, data),
});
