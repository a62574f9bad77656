import { PassThrough } from 'node:stream';
import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { CASE_STATUSES, PARK_ROLES } from '@qifu/domain';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { abilityFor } from '../access/ability.js';
import { caseVisibility } from '../access/case-visibility.js';
import { attachmentDisposition } from '../attachments/content-disposition.js';
import type { AuthenticatedRequest } from '../auth/auth.middleware.js';
import { recordAudit } from '../audit/audit.js';
import { isoDateInChina } from '../common/dates.js';
import { textProblem } from '../common/input-values.js';
import {
  restBadInput,
  restForbidden,
  restInternal,
  sendRestError,
  signedInActor,
} from '../common/rest-errors.js';
import { zodProblems } from '../common/zod-problems.js';
import { TenantDb } from '../database/tenant-db.js';
import { assertParkDepartment } from '../departments/department.queries.js';
import { LedgerSortEnum } from './case.models.js';
import {
  countLedgerExport,
  MAX_EXPORT_ROWS,
  writeLedgerWorkbook,
  type LedgerExportQuery,
} from './ledger-export.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Single-line text without control characters, as the GraphQL input guard requires. */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .superRefine((value, ctx) => {
      const problem = textProblem(value, false);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** The ledger's filter and sort, with the limits of the GraphQL `LedgerFilter` input. */
const requestSchema = z.strictObject({
  filter: z
    .strictObject({
      year: z.int().min(1900).max(9999).nullish(),
      statuses: z.array(z.enum(CASE_STATUSES)).max(CASE_STATUSES.length).nullish(),
      categoryCodes: z.array(text(64)).max(50).nullish(),
      channelCodes: z.array(text(64)).max(50).nullish(),
      departmentId: z.guid().nullish(),
      gradeCodes: z.array(text(64)).max(20).nullish(),
      overdue: z.boolean().nullish(),
      deadlinePending: z.boolean().nullish(),
      keyword: text(100).nullish(),
      approverRoles: z.array(z.enum(PARK_ROLES)).max(PARK_ROLES.length).nullish(),
      flaggedForVerification: z.boolean().nullish(),
    })
    .default({}),
  sort: z.enum(Object.values(LedgerSortEnum)).default('REGISTRATION_DESC'),
});

/**
 * Official documents over plain HTTP, for what GraphQL answers badly: a file of any size, streamed.
 * `POST /api/exports/ledger.xlsx` with `{ filter, sort }` as the ledger query takes them.
 */
@Controller('api/exports')
export class LedgerExportController {
  constructor(@Inject(TenantDb) private readonly db: TenantDb) {}

  @Post('ledger.xlsx')
  async ledger(@Req() req: AuthenticatedRequest & { log?: Logger }, @Res() res: Response): Promise<void> {
    const actor = signedInActor(req);
    // Who may read the ledger may export it (the `ledger` query's permission), within the same scope.
    if (!actor.parkId || !abilityFor(actor).can('read', 'Case')) throw restForbidden();
    const parsed = requestSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw restBadInput(zodProblems(parsed.error));
    const today = isoDateInChina();
    const query: LedgerExportQuery = {
      filter: parsed.data.filter,
      sort: parsed.data.sort,
      today,
      reach: caseVisibility(actor).cases,
    };

    // The record is committed before the first byte leaves, so an interrupted download is on it too.
    // Another park's department in the filter is not found (answered by the errors filter).
    const rowCount = await this.db.run(actor, async (em) => {
      await assertParkDepartment(em, query.filter.departmentId, 'filter.departmentId');
      const count = await countLedgerExport(em, query);
      if (count <= MAX_EXPORT_ROWS)
        await recordAudit(em, actor, {
          action: 'ledger.exported',
          subjectType: 'Ledger',
          subjectId: null,
          after: { format: 'XLSX', filter: query.filter, sort: query.sort, rows: count },
        });
      return count;
    });
    if (rowCount > MAX_EXPORT_ROWS)
      throw restBadInput(
        [
          {
            path: 'filter',
            message: `matches ${rowCount} cases, at most ${MAX_EXPORT_ROWS} fit in one sheet`,
          },
        ],
        `超过 ${MAX_EXPORT_ROWS} 行，请缩小筛选范围 / More than ${MAX_EXPORT_ROWS} rows: narrow the filters`,
      );

    res.status(200);
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', attachmentDisposition(`台账-${today}.xlsx`));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Row-Count', String(rowCount));
    // The workbook goes through a stream of our own, so that a failure before the first byte can
    // still be answered as JSON; if the client goes away, the export stops fetching and ends its
    // transaction.
    const body = new PassThrough();
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort(new Error('the client closed the connection'));
    });
    body.pipe(res);
    try {
      await this.db.run(actor, (em) =>
        writeLedgerWorkbook(em, body, { ...query, parkId: actor.parkId!, signal: abort.signal }),
      );
    } catch (error) {
      if (abort.signal.aborted) {
        req.log?.info({ err: error }, 'ledger export: client went away');
        return;
      }
      req.log?.error({ err: error }, 'ledger export failed');
      body.unpipe(res);
      if (!res.headersSent) {
        res.removeHeader('Content-Disposition');
        res.removeHeader('X-Row-Count');
        return sendRestError(res, restInternal('导出失败 / Export failed'));
      }
      // Part of the file is out: a broken connection is the only honest answer left.
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
