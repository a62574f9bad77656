import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { Allow } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import { offsetAfter } from '../common/cursors.js';
import { badInput } from '../common/errors.js';
import { offsetConnection } from '../graphql/connection.js';
import { oncePerRequest } from '../graphql/request-memo.js';
import {
  Dashboard,
  DashboardFilterInput,
  DistrictIndicatorSettings,
  DrillDownInput,
  DrillDownConnection,
  UpdateDistrictIndicatorSettingsInput,
} from './dashboard.models.js';
import { DashboardService } from './dashboard.service.js';

/** Dashboards of districts and parks: figures from the rollups, the cases behind each, the district's settings. */
@Resolver()
export class DashboardResolver {
  constructor(@Inject(DashboardService) private readonly dashboards: DashboardService) {}

  @Allow('read', 'Dashboard')
  @Query(() => Dashboard, {
    description:
      'Per park (and per district) figures over a period, per month, per lead department; audited.',
  })
  dashboard(
    @Context() ctx: RequestContext,
    @Args('filter') filter: DashboardFilterInput,
  ): Promise<Dashboard> {
    return oncePerRequest(ctx, `dashboard:${JSON.stringify(filter)}`, () =>
      this.dashboards.dashboard(ctx.actor!, filter),
    );
  }

  @Allow('read', 'Dashboard')
  @Query(() => DrillDownConnection, {
    description:
      'The cases a figure counts (contacts masked unless the caller sees the case); not for the platform; audited.',
  })
  async drillDown(
    @Context() ctx: RequestContext,
    @Args('input') input: DrillDownInput,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<DrillDownConnection> {
    if (!Number.isInteger(first) || first < 1 || first > 500)
      throw badInput([{ path: 'first', message: 'must be between 1 and 500' }]);
    const offset = offsetAfter(after, 'drill-down');
    const page = await oncePerRequest(ctx, `drillDown:${JSON.stringify([input, first, offset])}`, () =>
      this.dashboards.drillDown(ctx.actor!, { ...input, first, offset }),
    );
    return { ...offsetConnection(page.items, offset, page.totalCases), total: page.total };
  }

  @Allow('read', 'Dashboard')
  @Query(() => DistrictIndicatorSettings, { description: 'The settings in force (version 0: the defaults).' })
  districtIndicatorSettings(
    @Context() ctx: RequestContext,
    @Args('districtId', { type: () => ID, nullable: true }) districtId?: string,
  ): Promise<DistrictIndicatorSettings> {
    return this.dashboards.settings(ctx.actor!, districtId);
  }

  @Allow('read', 'Dashboard')
  @Query(() => [DistrictIndicatorSettings], { description: 'Every saved version, newest first.' })
  districtIndicatorSettingsVersions(
    @Context() ctx: RequestContext,
    @Args('districtId', { type: () => ID, nullable: true }) districtId?: string,
  ): Promise<DistrictIndicatorSettings[]> {
    return this.dashboards.settingsVersions(ctx.actor!, districtId);
  }

  @Allow('update', 'Dashboard')
  @Mutation(() => DistrictIndicatorSettings, { description: 'Saves a new version of a district’s settings.' })
  updateDistrictIndicatorSettings(
    @Context() ctx: RequestContext,
    @Args('input') input: UpdateDistrictIndicatorSettingsInput,
  ): Promise<DistrictIndicatorSettings> {
    return this.dashboards.updateSettings(ctx.actor!, input);
  }
}
