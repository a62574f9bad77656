import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import { offsetAfter } from '../common/cursors.js';
import { badInput } from '../common/errors.js';
import { offsetConnection } from '../graphql/connection.js';
import {
  CircularNotice,
  CircularNoticeConnection,
  IssueCircularNoticeInput,
} from './circular-notice.models.js';
import { CircularNoticeService } from './circular-notice.service.js';

@Resolver()
export class CircularNoticeResolver {
  constructor(@Inject(CircularNoticeService) private readonly service: CircularNoticeService) {}

  @Allow('read', 'Case')
  @Query(() => CircularNoticeConnection, {
    description: 'Circular notices of the park, newest first; of one department or naming one case.',
  })
  async circularNotices(
    @Args('departmentId', { type: () => ID, nullable: true }) departmentId: string | null,
    @Args('caseId', { type: () => ID, nullable: true }) caseId: string | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Context() ctx: RequestContext,
  ): Promise<CircularNoticeConnection> {
    if (!Number.isInteger(first) || first < 1 || first > 200)
      throw badInput([{ path: 'first', message: 'must be between 1 and 200' }]);
    const offset = offsetAfter(after, 'list');
    const { items, totalCount } = await this.service.list(ctx.actor!, departmentId, caseId, first, offset);
    return offsetConnection(items, offset, totalCount);
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
