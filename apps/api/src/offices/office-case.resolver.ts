import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import { OfficeCase, OfficeCaseFilter, OfficeCaseConnection } from './office.models.js';
import { OfficeCaseService } from './office-case.service.js';

/** The office read path: read-only, the cases copied or handed over to the viewer's office. */
@Resolver()
export class OfficeCaseResolver {
  constructor(@Inject(OfficeCaseService) private readonly cases: OfficeCaseService) {}

  @Allow('read', 'OfficeCase')
  @Query(() => OfficeCaseConnection, {
    description: 'The cases copied or handed over to the viewer’s outside office, latest first.',
  })
  officeCases(
    @Args('filter', { type: () => OfficeCaseFilter, nullable: true }) filter: OfficeCaseFilter | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Context() ctx: RequestContext,
  ): Promise<OfficeCaseConnection> {
    return this.cases.list(ctx.actor!, filter ?? {}, first, after);
  }

  @Allow('read', 'OfficeCase')
  @Query(() => OfficeCase, { description: 'One case of the office, read-only, its contact masked.' })
  officeCase(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: RequestContext,
  ): Promise<OfficeCase> {
    return this.cases.get(ctx.actor!, id);
  }
}
