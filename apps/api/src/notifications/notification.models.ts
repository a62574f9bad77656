import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { listEnum } from '../graphql/list-enum.js';
import { Connection } from '../graphql/connection.js';
import { NOTIFICATION_KINDS, type NotificationKind } from '@qifu/domain';

export const NotificationKindEnum = listEnum('NotificationKind', NOTIFICATION_KINDS);

@ObjectType({ description: 'A message to the signed-in user in their inbox (from the deadline jobs).' })
export class Notification {
  @Field(() => ID) id!: string;
  @Field(() => NotificationKindEnum) kind!: NotificationKind;
  @Field(() => ID, { nullable: true, description: 'The case it is about (link: /cases/:id).' })
  caseId!: string | null;
  @Field({ description: "From the park's zh-CN template." }) title!: string;
  @Field() body!: string;
  @Field(() => String, { nullable: true, description: 'Null when the park words this kind in Chinese only.' })
  titleEn!: string | null;
  @Field(() => String, { nullable: true }) bodyEn!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) readAt!: Date | null;
}

@ObjectType({ description: 'The inbox, newest first.' })
export class NotificationConnection extends Connection(Notification, 'Notification') {}

@ObjectType()
export class MarkNotificationsReadResult {
  @Field(() => Int, { description: 'Notifications marked now (already read ones are not counted).' })
  marked!: number;
  @Field(() => Int) unreadCount!: number;
}

@InputType()
export class MarkNotificationsReadInput {
  // How many at once is checked by the service, which names the path.
  @Field(() => [ID]) @IsUUID('all', { each: true }) ids!: string[];
}
