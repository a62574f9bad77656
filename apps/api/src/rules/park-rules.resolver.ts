import { Inject } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { ParkRulesChange } from '@qifu/domain';
import { Allow } from '../access/permission.decorator.js';
import { DateScalar } from '../graphql/date.scalar.js';
import type { RequestContext } from '../access/request-context.js';
import { JSONScalar } from '../graphql/json.scalar.js';
import {
  CalendarYear,
  ParkRulesVersion,
  PublishParkRulesInput,
  RulesChange,
  RulesValidation,
  ValidateParkRulesInput,
  WorkingDaysResult,
} from './park-rules.models.js';
import { ParkRulesService } from './park-rules.service.js';

@Resolver()
export class ParkRulesResolver {
  constructor(@Inject(ParkRulesService) private readonly rules: ParkRulesService) {}

  @Allow('read', 'ParkRules')
  @Query(() => ParkRulesVersion, {
    description: 'A version of the park’s rules; the latest when none is given.',
  })
  parkRules(
    @Args('version', { type: () => Int, nullable: true }) version: number | null,
    @Context() ctx: RequestContext,
  ): Promise<ParkRulesVersion> {
    return this.rules.version(ctx.actor!, version);
  }

  @Allow('read', 'ParkRules')
  @Query(() => [ParkRulesVersion], { description: 'Every version, newest first.' })
  parkRulesVersions(@Context() ctx: RequestContext): Promise<ParkRulesVersion[]> {
    return this.rules.versions(ctx.actor!);
  }

  @Allow('read', 'ParkRules')
  @Query(() => [RulesChange])
  parkRulesDiff(
    @Args('fromVersion', { type: () => Int }) fromVersion: number,
    @Args('toVersion', { type: () => Int }) toVersion: number,
    @Context() ctx: RequestContext,
  ): Promise<ParkRulesChange[]> {
    return this.rules.diff(ctx.actor!, fromVersion, toVersion);
  }

  @Allow('update', 'ParkRules')
  @Query(() => [RulesChange], {
    description: 'What publishing these rules would change against the latest version.',
  })
  parkRulesChanges(
    @Args('rules', { type: () => JSONScalar }) rules: unknown,
    @Context() ctx: RequestContext,
  ): Promise<ParkRulesChange[]> {
    return this.rules.changes(ctx.actor!, rules);
  }

  @Allow('read', 'ParkRules')
  @Query(() => WorkingDaysResult, {
    description:
      'The n-th working day after `from` under the park’s calendar, with every day counted or skipped.',
  })
  workingDays(
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('days', { type: () => Int }) days: number,
    @Context() ctx: RequestContext,
  ): Promise<WorkingDaysResult> {
    return this.rules.workingDays(ctx.actor!, from, days);
  }

  @Allow('read', 'ParkRules')
  @Query(() => CalendarYear)
  workingDayCalendar(
    @Args('year', { type: () => Int }) year: number,
    @Context() ctx: RequestContext,
  ): Promise<CalendarYear> {
    return this.rules.calendarYear(ctx.actor!, year);
  }

  @Allow('read', 'ParkRules')
  @Query(() => [Int], { description: 'Years with national holiday data.' })
  calendarYearsCovered(@Context() ctx: RequestContext): Promise<number[]> {
    return this.rules.coveredYears(ctx.actor!);
  }

  @Allow('update', 'ParkRules')
  @Mutation(() => RulesValidation, { description: 'Checks rules without saving anything.' })
  validateParkRules(
    @Args('input') input: ValidateParkRulesInput,
    @Context() ctx: RequestContext,
  ): Promise<RulesValidation> {
    return this.rules.validate(ctx.actor!, input.rules);
  }

  @Allow('update', 'ParkRules')
  @Mutation(() => ParkRulesVersion)
  publishParkRules(
    @Args('input') input: PublishParkRulesInput,
    @Context() ctx: RequestContext,
  ): Promise<ParkRulesVersion> {
    return this.rules.publish(ctx.actor!, input);
  }
}
