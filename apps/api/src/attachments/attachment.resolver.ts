import { Inject } from '@nestjs/common';
import { Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import { Case } from '../cases/case.models.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AttachmentPolicy, CaseAttachment } from './attachment.models.js';
import { AttachmentService } from './attachment.service.js';
import { ATTACHMENT_EXTENSIONS } from './file-types.js';

/** Files attached to a case, read with the case; uploads and downloads are plain HTTP (AttachmentController). */
@Resolver(() => Case)
export class AttachmentResolver {
  constructor(
    @Inject(AttachmentService) private readonly service: AttachmentService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ResolveField(() => [CaseAttachment], {
    description: 'Files attached to the case (可另附页), oldest first.',
  })
  attachments(@Parent() c: Case, @Context() ctx: RequestContext): Promise<CaseAttachment[]> {
    return this.service.listOf(ctx.actor!, c.id);
  }

  @Allow('read', 'Case')
  @Query(() => AttachmentPolicy, { description: 'Size limit and accepted kinds of case attachments.' })
  attachmentPolicy(): AttachmentPolicy {
    return { maxBytes: this.config.ATTACHMENTS_MAX_BYTES, extensions: [...ATTACHMENT_EXTENSIONS] };
  }
}
