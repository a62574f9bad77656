import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../access/request-context.js';
import { Case, CaseDocument, CaseEvent } from './case.models.js';
import { CaseService } from './case.service.js';

/**
 * A case's documents and timeline, read only when a query asks for them and the case was answered
 * without them (registration answers from what it wrote; the case page loads them with the case).
 */
@Resolver(() => Case)
export class CaseFieldsResolver {
  constructor(@Inject(CaseService) private readonly cases: CaseService) {}

  @ResolveField(() => [CaseDocument])
  documents(@Parent() c: Case, @Context() ctx: RequestContext): CaseDocument[] | Promise<CaseDocument[]> {
    return c.documents ?? this.cases.documentsOf(ctx.actor!, c.id);
  }

  @ResolveField(() => [CaseEvent], { description: 'Every act, oldest first.' })
  timeline(@Parent() c: Case, @Context() ctx: RequestContext): CaseEvent[] | Promise<CaseEvent[]> {
    return c.timeline ?? this.cases.timelineOf(ctx.actor!, c.id);
  }
}
