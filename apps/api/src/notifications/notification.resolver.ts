import { Inject } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SignedIn } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import {
  MarkNotificationsReadInput,
  MarkNotificationsReadResult,
  NotificationConnection,
} from './notification.models.js';
import { NotificationService } from './notification.service.js';

// Everyone has an inbox: each operation reads and changes the signed-in user's own notifications only.
@Resolver()
export class NotificationResolver {
  constructor(@Inject(NotificationService) private readonly service: NotificationService) {}

  @SignedIn()
  @Query(() => NotificationConnection, { description: "The signed-in user's notifications, newest first." })
  notifications(
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('unreadOnly', { defaultValue: false }) unreadOnly: boolean,
    @Context() ctx: RequestContext,
  ): Promise<NotificationConnection> {
    return this.service.list(ctx.actor!, { first, after: after ?? null, unreadOnly });
  }

  @SignedIn()
  @Query(() => Int, { description: 'How many of the signed-in user’s notifications are unread.' })
  unreadNotificationCount(@Context() ctx: RequestContext): Promise<number> {
    return this.service.unreadCount(ctx.actor!);
  }

  @SignedIn()
  @Mutation(() => MarkNotificationsReadResult, {
    description: 'Marks some of the user’s notifications read.',
  })
  markNotificationsRead(
    @Args('input') input: MarkNotificationsReadInput,
    @Context() ctx: RequestContext,
  ): Promise<MarkNotificationsReadResult> {
    return this.service.markRead(ctx.actor!, input.ids);
  }

  @SignedIn()
  @Mutation(() => MarkNotificationsReadResult, { description: 'Marks all of the user’s notifications read.' })
  markAllNotificationsRead(@Context() ctx: RequestContext): Promise<MarkNotificationsReadResult> {
    return this.service.markAllRead(ctx.actor!);
  }
}
