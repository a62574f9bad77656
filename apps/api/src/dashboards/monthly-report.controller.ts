import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { attachmentDisposition } from '../attachments/content-disposition.js';
import type { AuthenticatedRequest } from '../auth/auth.middleware.js';
import { signedInActor } from '../common/rest-errors.js';
import { DOCX_CONTENT_TYPE } from '../documents/document-template.service.js';
import { DashboardService } from './dashboard.service.js';

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
    // A refusal of the service (BAD_USER_INPUT on month, FORBIDDEN) is answered by the errors filter.
    const report = await this.dashboards.monthlyReport(signedInActor(req), month ?? '');
    res.status(200);
    res.setHeader('Content-Type', DOCX_CONTENT_TYPE);
    res.setHeader('Content-Length', String(report.bytes.length));
    res.setHeader('Content-Disposition', attachmentDisposition(report.fileName));
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(report.bytes);
  }
}
