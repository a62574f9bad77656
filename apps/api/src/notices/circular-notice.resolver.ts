import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import { CircularNotice, IssueCircularNoticeInput } from './circular-notice.models.js';
import { CircularNoticeService } from './circular-notice.service.js';

@Resolver()
export class CircularNoticeResolver {
  constructor(@Inject(CircularNoticeService) private readonly service: CircularNoticeService) {}

  @Allow('read', 'Case')
  @Query(() => [CircularNotice], {
    description: 'Circular notices of the park, newest first; of one department or naming one case.',
  })
  circularNotices(
    @Args('departmentId', { type: () => ID, nullable: true }) departmentId: string | null,
    @Args('caseId', { type: () => ID, nullable: true }) caseId: string | null,
    @Context() ctx: RequestContext,
  ): Promise<CircularNotice[]> {
    return this.service.list(ctx.actor!, departmentId, caseId);
  }

  // Issued by the service center, where the leadership group's office sits (Art. 4, Art. 11).
  @Allow('create', 'Case')
  @Mutation(() => CircularNotice, { description: 'Art. 11: circulates a notice naming a department.' })
  issueCircularNotice(
    @Args('input') input: IssueCircularNoticeInput,
    @Context() ctx: RequestContext,
  ): Promise<CircularNotice> {
    return this.service.issue(ctx.actor!, input);
  }
}
