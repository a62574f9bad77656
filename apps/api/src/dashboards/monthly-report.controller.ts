import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { attachmentDisposition } from '../attachments/content-disposition.js';
import type { AuthenticatedRequest } from '../auth/auth.middleware.js';
import { DOCX_CONTENT_TYPE } from '../documents/document-template.service.js';
import { DashboardService } from './dashboard.service.js';

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, FORBIDDEN: 403, NOT_FOUND: 404 };

/** `GET /api/dashboards/monthly-report.docx?month=YYYY-MM`: a district's monthly report (月报) as Word. */
@Controller('api/dashboards')
export class MonthlyReportController {
  constructor(@Inject(DashboardService) private readonly dashboards: DashboardService) {}

  @Get('monthly-report.docx')
  async monthlyReport(
    @Query('month') month: string | undefined,
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
  ): Promise<void> {
    if (!req.actor) {
      const message =
        req.authProblem === 'expired' ? '登录已过期 / Session expired' : '请先登录 / Sign-in required';
      res.status(401).json({ statusCode: 401, code: 'UNAUTHENTICATED', message });
      return;
    }
    let report: { fileName: string; bytes: Buffer };
    try {
      report = await this.dashboards.monthlyReport(req.actor, month ?? '');
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
      if (!STATUS[code]) throw error;
      res.status(STATUS[code]).json({
        statusCode: STATUS[code],
        code,
        message: (error as Error).message,
        ...((error as GraphQLError).extensions.fields
          ? { fields: (error as GraphQLError).extensions.fields }
          : {}),
      });
      return;
    }
    res.status(200);
    res.setHeader('Content-Type', DOCX_CONTENT_TYPE);
    res.setHeader('Content-Length', String(report.bytes.length));
    res.setHeader('Content-Disposition', attachmentDisposition(report.fileName));
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(report.bytes);
  }
}
