import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { AuthenticatedRequest } from '../auth/auth.middleware.js';
import { isUuid } from '../common/input-values.js';
import { restForbidden, restInternal, restNotFound, signedInActor } from '../common/rest-errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { CaseAttachment } from './attachment.models.js';
import { AttachmentService, type Access } from './attachment.service.js';
import { sendStoredFile } from './send-stored-file.js';
import { zipLimitsOf } from '../common/safe-zip.js';
import { UploadRefused, type ReceivedFile } from './receive-upload.js';
import { parseUpload } from './multipart-body.js';

type LoggedRequest = AuthenticatedRequest & { log?: Logger };

function refused(access: Exclude<Access, 'ok'>, what: 'case' | 'attachment') {
  if (access === 'forbidden') return restForbidden();
  return what === 'case' ? restNotFound('案件', 'Case') : restNotFound('附件', 'Attachment');
}

/** Case attachments over HTTP: multipart upload and download, with the bearer token of GraphQL. */
@Controller('api')
export class AttachmentController {
  constructor(
    @Inject(AttachmentService) private readonly attachments: AttachmentService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('cases/:caseId/attachments')
  async upload(
    @Param('caseId') caseId: string,
    @Req() req: LoggedRequest,
    @Res() res: Response,
  ): Promise<void> {
    const actor = signedInActor(req);
    if (!isUuid(caseId)) throw refused('missing', 'case');
    const access = await this.attachments.uploadAccess(actor, caseId);
    if (access !== 'ok') throw refused(access, 'case');

    let file: ReceivedFile & { fileName: string };
    try {
      file = await parseUpload(req, {
        tmpDir: this.config.ATTACHMENTS_TMP_DIR,
        maxBytes: this.config.ATTACHMENTS_MAX_BYTES,
        zipLimits: zipLimitsOf(this.config),
      });
    } catch (error) {
      if (error instanceof UploadRefused) throw error;
      req.log?.warn({ err: error }, 'attachment upload not received');
      throw new UploadRefused(400, 'BAD_USER_INPUT', '上传未完成 / the upload did not complete');
    }

    const id = randomUUID();
    const storageKey = `${actor.parkId}/${caseId}/${id}`;
    const { storage } = this.attachments;
    let recorded: CaseAttachment | Exclude<Access, 'ok'>;
    try {
      await storage.put(storageKey, createReadStream(file.path), {
        size: file.size,
        contentType: file.contentType,
        sha256: file.sha256,
      });
      try {
        recorded = await this.attachments.record(actor, {
          id,
          caseId,
          fileName: file.fileName,
          contentType: file.contentType,
          sizeBytes: file.size,
          sha256: file.sha256,
          storageKey,
        });
      } catch (error) {
        await storage.discard(storageKey);
        throw error;
      }
      if (typeof recorded === 'string') await storage.discard(storageKey);
    } catch (error) {
      req.log?.error({ err: error, caseId }, 'attachment upload failed');
      throw restInternal('附件保存失败 / The file could not be stored');
    } finally {
      await unlink(file.path).catch(() => undefined);
    }
    if (typeof recorded === 'string') throw refused(recorded, 'case');
    res.status(201).json(recorded);
  }

  @Get('attachments/:id')
  async download(@Param('id') id: string, @Req() req: LoggedRequest, @Res() res: Response): Promise<void> {
    const actor = signedInActor(req);
    if (!isUuid(id)) throw refused('missing', 'attachment');
    const found = await this.attachments.forDownload(actor, id);
    if (typeof found === 'string') throw refused(found, 'attachment');
    await sendStoredFile(this.attachments.storage, found, req, res, {
      what: 'attachment',
      context: { attachmentId: id },
      missing: '附件文件缺失 / The stored file is missing',
    });
  }
}
