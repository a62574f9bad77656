import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { Allow } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import { oncePerRequest } from '../graphql/request-memo.js';
import {
  Dashboard,
  DashboardFilterInput,
  DistrictIndicatorSettings,
  DistrictIndicatorSettingsInput,
  DrillDownInput,
  DrillDownPage,
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
  @Query(() => DrillDownPage, {
    description:
      'The cases a figure counts (contacts masked unless the caller sees the case); not for the platform; audited.',
  })
  drillDown(@Context() ctx: RequestContext, @Args('input') input: DrillDownInput): Promise<DrillDownPage> {
    return oncePerRequest(ctx, `drillDown:${JSON.stringify(input)}`, () =>
      this.dashboards.drillDown(ctx.actor!, input),
    );
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
    @Args('districtId', { type: () => ID }) districtId: string,
    @Args('input') input: DistrictIndicatorSettingsInput,
  ): Promise<DistrictIndicatorSettings> {
    return this.dashboards.updateSettings(ctx.actor!, districtId, input);
  }
}
