import { Inject } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import {
  ImportNationalCalendarInput,
  NationalCalendarStatus,
  NationalCalendarYear,
} from './national-calendar.models.js';
import { NationalCalendarService } from './national-calendar.service.js';

@Resolver()
export class NationalCalendarResolver {
  constructor(@Inject(NationalCalendarService) private readonly calendar: NationalCalendarService) {}

  @Allow('read', 'NationalCalendar')
  @Query(() => [NationalCalendarYear], {
    description: 'Every year with national holiday data, newest first.',
  })
  nationalCalendarYears(@Context() ctx: RequestContext): Promise<NationalCalendarYear[]> {
    return this.calendar.years(ctx.actor!);
  }

  @Allow('read', 'NationalCalendar')
  @Query(() => NationalCalendarStatus)
  nationalCalendarStatus(@Context() ctx: RequestContext): Promise<NationalCalendarStatus> {
    return this.calendar.status(ctx.actor!);
  }

  @Allow('read', 'NationalCalendar')
  @Query(() => String, { description: 'A year as the YAML file importNationalCalendar reads.' })
  nationalCalendarFile(
    @Args('year', { type: () => Int }) year: number,
    @Context() ctx: RequestContext,
  ): Promise<string> {
    return this.calendar.file(ctx.actor!, year);
  }

  @Allow('manage', 'NationalCalendar')
  @Mutation(() => NationalCalendarYear, {
    description:
      'Imports a year’s national arrangement (the State Council’s notice) as its new version, in force at once; pending deadlines of that year are then computed.',
  })
  importNationalCalendar(
    @Args('input') input: ImportNationalCalendarInput,
    @Context() ctx: RequestContext,
  ): Promise<NationalCalendarYear> {
    return this.calendar.import(ctx.actor!, input);
  }
}
