import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { isDocxKind, readDefaultTemplate, type DocxKind } from '@qifu/documents';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { abilityFor } from '../access/ability.js';
import type { Actor } from '../access/actor.js';
import { attachmentDisposition } from '../attachments/content-disposition.js';
import { unsafeArchive } from '../attachments/receive-upload.js';
import { readUpload } from '../attachments/multipart-body.js';
import { sendStoredFile, type StoredFile } from '../attachments/send-stored-file.js';
import type { AuthenticatedRequest } from '../auth/auth.middleware.js';
import { isUuid } from '../common/input-values.js';
import {
  RestError,
  restForbidden,
  restInternal,
  restNotFound,
  signedInActor,
} from '../common/rest-errors.js';
import { UnsafeArchive } from '../common/safe-zip.js';
import {
  DOCX_CONTENT_TYPE,
  DocumentTemplateService,
  TEMPLATE_MAX_BYTES,
  TemplateRefused,
} from './document-template.service.js';
import { IssuedDocumentService } from './issued-document.service.js';
import { DocumentBatchService } from './document-batch.service.js';
import { PDF_CONTENT_TYPE } from './issued-pdf.job.js';

type LoggedRequest = AuthenticatedRequest & { log?: Logger };

function sendDocx(res: Response, fileName: string, bytes: Buffer): void {
  res.status(200);
  res.setHeader('Content-Type', DOCX_CONTENT_TYPE);
  res.setHeader('Content-Length', String(bytes.length));
  res.setHeader('Content-Disposition', attachmentDisposition(fileName));
  res.setHeader('Cache-Control', 'private, no-store');
  res.end(bytes);
}

/** Issued files and park templates over HTTP, with the bearer token of GraphQL. */
@Controller('api')
export class DocumentController {
  constructor(
    @Inject(IssuedDocumentService) private readonly issued: IssuedDocumentService,
    @Inject(DocumentTemplateService) private readonly templates: DocumentTemplateService,
    @Inject(DocumentBatchService) private readonly batches: DocumentBatchService,
  ) {}

  /** The ZIP of a finished batch, for the person who asked for it. */
  @Get('document-batches/:id/zip')
  async downloadBatch(
    @Param('id') id: string,
    @Req() req: LoggedRequest,
    @Res() res: Response,
  ): Promise<void> {
    const actor = signedInActor(req);
    const found = isUuid(id) ? await this.batches.zipForDownload(actor, id) : 'missing';
    if (found === 'missing') throw restNotFound('批量文书', 'Document batch');
    if (found === 'not-ready')
      throw new RestError(409, 'BATCH_NOT_READY', '批量文书尚未生成完毕 / The batch is not finished yet');
    await sendStoredFile(this.issued.storage, { ...found, contentType: 'application/zip' }, req, res, {
      what: 'document batch',
      context: { documentBatchId: id },
      missing: '压缩包文件缺失 / The stored ZIP is missing',
    });
  }

  @Get('issued-documents/:id')
  async download(@Param('id') id: string, @Req() req: LoggedRequest, @Res() res: Response): Promise<void> {
    const found = await this.issuedFile(req, id, (actor) => this.issued.forDownload(actor, id));
    await this.sendIssued(
      found,
      id,
      req,
      res,
      'issued document',
      '文书文件缺失 / The stored file is missing',
    );
  }

  @Get('issued-documents/:id/pdf')
  async downloadPdf(@Param('id') id: string, @Req() req: LoggedRequest, @Res() res: Response): Promise<void> {
    const found = await this.issuedFile(req, id, (actor) => this.issued.pdfForDownload(actor, id));
    if ('notReady' in found) {
      const message =
        found.notReady === 'PENDING'
          ? 'PDF 正在转换，请稍后再试 / The PDF is still being converted: try again shortly'
          : found.notReady === 'FAILED'
            ? `PDF 转换失败（${found.reason}），可重试 / The PDF conversion failed (${found.reason}): convert it again`
            : '此文书没有 PDF / This document has no PDF';
      throw new RestError(409, 'PDF_NOT_READY', message, [], { pdfStatus: found.notReady });
    }
    const pdf = { ...found, contentType: PDF_CONTENT_TYPE };
    await this.sendIssued(pdf, id, req, res, 'issued PDF', 'PDF 文件缺失 / The stored PDF is missing');
  }

  /** What `find` gives for the signed-in actor: an issued document's file they may see. */
  private async issuedFile<T extends object>(
    req: AuthenticatedRequest,
    id: string,
    find: (actor: Actor) => Promise<T | 'missing' | 'forbidden'>,
  ): Promise<T> {
    const actor = signedInActor(req);
    const found = isUuid(id) ? await find(actor) : 'missing';
    if (found === 'missing') throw restNotFound('文书', 'Document');
    if (found === 'forbidden') throw restForbidden();
    return found;
  }

  private sendIssued(
    file: StoredFile,
    id: string,
    req: LoggedRequest,
    res: Response,
    what: string,
    missing: string,
  ): Promise<void> {
    return sendStoredFile(this.issued.storage, file, req, res, {
      what,
      context: { issuedDocumentId: id },
      missing,
    });
  }

  /** The actor if they may `action` the park's rules (templates are part of them). */
  private templateActor(req: AuthenticatedRequest, action: 'read' | 'update'): Actor {
    const actor = signedInActor(req);
    if (!actor.parkId || !abilityFor(actor).can(action, 'ParkRules')) throw restForbidden();
    return actor;
  }

  /** A stored template version `read` finds for someone who may read the park's rules. */
  private async templateVersionFor<T>(
    req: AuthenticatedRequest,
    id: string,
    read: (actor: Actor) => Promise<T | null>,
  ): Promise<T> {
    const actor = this.templateActor(req, 'read');
    const found = isUuid(id) ? await read(actor) : null;
    if (!found) throw restNotFound('模板', 'Template');
    return found;
  }

  /** The kind named in the path, for someone who may `action` the park's rules. */
  private docxKindFor(req: AuthenticatedRequest, kind: string, action: 'read' | 'update') {
    const actor = this.templateActor(req, action);
    if (!isDocxKind(kind)) throw restNotFound('文书种类', 'Document kind');
    return { actor, kind };
  }

  @Get('document-templates/versions/:id')
  async templateVersion(@Param('id') id: string, @Req() req: LoggedRequest, @Res() res: Response) {
    const found = await this.templateVersionFor(req, id, (actor) => this.templates.version(actor, id));
    sendDocx(res, found.fileName, found.bytes);
  }

  @Get('document-templates/versions/:id/preview')
  async templatePreview(@Param('id') id: string, @Req() req: LoggedRequest, @Res() res: Response) {
    // A version stored before today's checks and refused now is a 422 naming it (the service logs it).
    const found = await this.templateVersionFor(req, id, (actor) => this.templates.versionPreview(actor, id));
    sendDocx(res, `预览-v${found.version}-${found.fileName}`, found.bytes);
  }

  @Get('document-templates/:kind/default')
  async defaultTemplate(@Param('kind') path: string, @Req() req: LoggedRequest, @Res() res: Response) {
    const { kind } = this.docxKindFor(req, path, 'read');
    sendDocx(res, `${kind.toLowerCase().replaceAll('_', '-')}.docx`, await readDefaultTemplate(kind));
  }

  @Get('document-templates/:kind/default/preview')
  async defaultPreview(@Param('kind') path: string, @Req() req: LoggedRequest, @Res() res: Response) {
    const { kind } = this.docxKindFor(req, path, 'read');
    const bytes = this.templates.preview(kind, await readDefaultTemplate(kind));
    sendDocx(res, `preview-${kind.toLowerCase().replaceAll('_', '-')}.docx`, bytes);
  }

  @Post('document-templates/:kind')
  async upload(@Param('kind') path: string, @Req() req: LoggedRequest, @Res() res: Response): Promise<void> {
    let actor: Actor;
    let kind: DocxKind;
    try {
      ({ actor, kind } = this.docxKindFor(req, path, 'update'));
    } catch (error) {
      // Refused before the body is read: it is drained, so the client gets the answer.
      req.resume();
      throw error;
    }
    const received = await readUpload(req, TEMPLATE_MAX_BYTES);
    let version;
    try {
      version = await this.templates.upload(actor, kind, received.fileName, received.bytes);
    } catch (error) {
      if (error instanceof UnsafeArchive) throw unsafeArchive(error);
      if (error instanceof TemplateRefused)
        throw new RestError(
          422,
          'TEMPLATE_INVALID',
          `模板有误 / The template was refused: ${error.message}`,
          error.problems.map((p) => ({ path: 'file', message: `${p.messageZh} / ${p.message}` })),
          { problems: error.problems },
        );
      req.log?.error({ err: error, kind }, 'template upload failed');
      throw restInternal('模板保存失败 / The template could not be stored');
    }
    res.status(201).json(version);
  }
}
