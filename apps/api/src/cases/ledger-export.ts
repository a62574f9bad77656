import { once, type EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import {
  CASE_STATUS_LABELS,
  isCaseStatus,
  PARK_TIME_ZONE,
  ROLE_LABELS,
  type ParkRules,
  type Role,
} from '@qifu/domain';
import ExcelJS from 'exceljs';
import { sql, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import { rulesOfVersion } from '../rules/rules-cache.js';
import type { CaseReach } from '../access/case-visibility.js';
import type { DB } from '../database/db-types.js';
import { kysely, rowsOf, rowsOfSql } from '../database/typed-sql.js';
import {
  ledgerConditions,
  ledgerOrder,
  whereAll,
  type LedgerFilterValues,
  type LedgerSortValue,
} from './ledger.js';

/** One sheet holds 1,048,576 rows in Excel and WPS, the header included: more is refused, never cut. */
export const MAX_EXPORT_ROWS = 1_048_575;

/** Rows fetched from the server-side cursor at a time: memory holds one batch, whatever the total. */
const FETCH_ROWS = 500;

/**
 * Rows written between two turns of the event loop. The zip compresses on the thread pool: given a
 * turn after every few rows, it takes exceljs's 64 KB buffers while they are young, and the garbage
 * collector frees them in the next scavenge. Written in one go, a batch's buffers outlive a few
 * scavenges and pile up as external memory until a full collection, tens of MB later.
 */
const SLICE_ROWS = 100;

export interface LedgerExportQuery {
  filter: LedgerFilterValues;
  sort: LedgerSortValue;
  /** The day "overdue" is judged on (the park's today). */
  today: string;
  /** The cases the reader sees (case-visibility.ts): the export holds no other. */
  reach: CaseReach;
}

/** How many cases the export of `query` holds (the ledger's total under the same filters). */
export async function countLedgerExport(em: EntityManager, query: LedgerExportQuery): Promise<number> {
  const [{ count }] = await rowsOfSql(
    em,
    sql<{
      count: number;
    }>`SELECT count(*)::int AS count FROM cases ${whereAll(ledgerConditions(query.filter, query))}`,
  );
  return count;
}

type Cases = Selectable<DB['cases']>;

/** A row of the export's cursor: columns of `cases` under the export's names. */
interface ExportRow {
  registrationNo: Cases['registration_no'];
  enterpriseName: Cases['enterprise_name'];
  categoryCode: Cases['category_code'];
  channelCode: Cases['channel_code'];
  /** Milliseconds of the wall-clock time in the park, counted as if it were UTC (what Excel shows): float8. */
  reportedAtLocal: number;
  title: Cases['title'];
  status: Cases['status'];
  leadDepartmentId: Cases['lead_department_id'];
  departmentIds: Cases['department_ids'];
  approverRole: Cases['approver_role'];
  gradeCode: Cases['grade_code'];
  /** Days since 1970-01-01 of the next deadline (date minus date: an integer). */
  nextDueDay: number | null;
  /** The year whose national holiday data a pending deadline (期限待定) waits for. */
  pendingYear: Cases['pending_deadline_year'];
  overdue: boolean;
  rulesVersion: Cases['rules_version'];
}

/** The names a row shows instead of codes: each case is labelled by the rules it was handled under. */
class Labels {
  private readonly rules = new Map<
    number,
    { category: Map<string, string>; channel: Map<string, string>; grade: Map<string, string> }
  >();

  private constructor(
    private readonly em: EntityManager,
    private readonly parkId: string,
    private readonly departments: Map<string, string>,
  ) {}

  static async load(em: EntityManager, parkId: string): Promise<Labels> {
    const rows = await rowsOf(em, kysely.selectFrom('departments').select(['id', 'name']));
    return new Labels(em, parkId, new Map(rows.map((row) => [row.id, row.name])));
  }

  /** Reads the rules versions of `rows` not seen yet, so that labelling the rows needs no await. */
  async prepare(rows: ExportRow[]): Promise<void> {
    for (const row of rows) {
      if (this.rules.has(row.rulesVersion)) continue;
      const rules: ParkRules = await rulesOfVersion(this.em, this.parkId, row.rulesVersion);
      const byCode = (list: { code: string; labelZh: string }[]) =>
        new Map(list.map((item) => [item.code, item.labelZh]));
      this.rules.set(row.rulesVersion, {
        category: byCode(rules.categories),
        channel: byCode(rules.intakeChannels),
        grade: byCode(rules.grades),
      });
    }
  }

  category(row: ExportRow): string {
    return this.rules.get(row.rulesVersion)?.category.get(row.categoryCode) ?? row.categoryCode;
  }

  channel(row: ExportRow): string {
    return this.rules.get(row.rulesVersion)?.channel.get(row.channelCode) ?? row.channelCode;
  }

  grade(row: ExportRow): string | null {
    if (!row.gradeCode) return null;
    return this.rules.get(row.rulesVersion)?.grade.get(row.gradeCode) ?? row.gradeCode;
  }

  department(id: string | null): string | null {
    return id ? (this.departments.get(id) ?? id) : null;
  }

  /** Lead department first, then the others, as the ledger page lists them. */
  departmentList(row: ExportRow): string | null {
    if (row.departmentIds.length === 0) return null;
    const ids = row.leadDepartmentId
      ? [row.leadDepartmentId, ...row.departmentIds.filter((id) => id !== row.leadDepartmentId)]
      : row.departmentIds;
    return ids.map((id) => this.departments.get(id) ?? id).join('、');
  }
}

const DAY_MS = 86_400_000;

interface ExportColumn {
  header: string;
  width: number;
  numFmt?: string;
  value(row: ExportRow, labels: Labels): ExcelJS.CellValue;
}

/** The columns of the ledger export, in order, with the Chinese headers of the console's ledger. */
export const LEDGER_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: '登记编号', width: 28, value: (row) => row.registrationNo },
  { header: '企业名称', width: 30, value: (row) => row.enterpriseName },
  { header: '问题类别', width: 12, value: (row, labels) => labels.category(row) },
  { header: '反映渠道', width: 18, value: (row, labels) => labels.channel(row) },
  {
    header: '反映时间',
    width: 17,
    numFmt: 'yyyy-mm-dd hh:mm',
    value: (row) => new Date(row.reportedAtLocal),
  },
  { header: '问题', width: 40, value: (row) => row.title },
  {
    header: '状态',
    width: 11,
    value: (row) => (isCaseStatus(row.status) ? CASE_STATUS_LABELS[row.status].zh : row.status),
  },
  { header: '牵头部室', width: 16, value: (row, labels) => labels.department(row.leadDepartmentId) },
  { header: '责任部门', width: 30, value: (row, labels) => labels.departmentList(row) },
  {
    header: '审批人',
    width: 14,
    value: (row) =>
      row.approverRole ? (ROLE_LABELS[row.approverRole as Role]?.zh ?? row.approverRole) : null,
  },
  { header: '结果类别', width: 10, value: (row, labels) => labels.grade(row) },
  {
    header: '下一时限',
    width: 12,
    numFmt: 'yyyy-mm-dd',
    // A pending deadline says so, and why, as the case page and its documents do.
    value: (row) =>
      row.nextDueDay !== null
        ? new Date(row.nextDueDay * DAY_MS)
        : row.pendingYear !== null
          ? `期限待定（缺少${row.pendingYear}年节假日数据）`
          : null,
  },
  { header: '是否逾期', width: 9, value: (row) => (row.overdue ? '是' : '否') },
];

/**
 * One style object per column, shared by all its cells: exceljs registers a style once per object
 * (a WeakMap), where the copy it makes for each new cell would cost a lookup by rendered XML per cell.
 */
const CELL_STYLES: Partial<ExcelJS.Style>[] = LEDGER_EXPORT_COLUMNS.map((column) =>
  column.numFmt ? { numFmt: column.numFmt } : {},
);

/** Resolves on the stream's next 'drain'; rejects with the abort's reason if `signal` aborts first. */
async function drain(stream: EventEmitter, signal: AbortSignal | undefined): Promise<void> {
  try {
    await once(stream, 'drain', { signal });
  } catch (error) {
    throw signal?.aborted ? signal.reason : error;
  }
}

/** What of the worksheet's XML the zip has not taken yet. */
export interface WorksheetBacklog {
  /** Bytes waiting. */
  readonly bytes: number;
  /** Gives the zip its turn: until the backlog drains if it is over its high-water mark, else one turn of the event loop. */
  taken(signal?: AbortSignal): Promise<void>;
}

interface StreamWithState extends EventEmitter {
  _writableState: { length: number; needDrain: boolean };
}

/**
 * The worksheet's XML waits in a stream (archiver's PassThrough, of readable-stream 2) until the zip
 * compresses it. exceljs writes into it without looking at its answer, so the export waits for it to
 * drain between batches: this is what keeps memory flat when the client downloads slower than the
 * database reads. These are exceljs 4.4 and archiver 5 internals, checked by the tests.
 */
export function worksheetBacklog(sheet: ExcelJS.Worksheet): WorksheetBacklog | null {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const stream = pipes?.[0] as Partial<StreamWithState> | undefined;
  const state = stream?._writableState;
  if (!stream || typeof stream.once !== 'function' || typeof state?.length !== 'number') return null;
  return {
    get bytes() {
      return state.length;
    },
    taken: async (signal) => {
      if (state.needDrain) await drain(stream as StreamWithState, signal);
      else await setImmediate(undefined, { signal });
    },
  };
}

/**
 * Streams the ledger under `query` as an XLSX workbook into `out`, reading the cases with a
 * server-side cursor in batches inside the caller's transaction. Resolves with the number of rows
 * once the workbook is complete; rejects if `signal` aborts (the client went away).
 */
export async function writeLedgerWorkbook(
  em: EntityManager,
  out: Writable,
  options: LedgerExportQuery & { parkId: string; signal?: AbortSignal },
): Promise<{ rows: number }> {
  await rowsOfSql(
    em,
    sql`DECLARE ledger_export NO SCROLL CURSOR FOR
     SELECT registration_no AS "registrationNo", enterprise_name AS "enterpriseName",
            category_code AS "categoryCode", channel_code AS "channelCode",
            EXTRACT(EPOCH FROM reported_at AT TIME ZONE ${PARK_TIME_ZONE})::float8 * 1000 AS "reportedAtLocal",
            title, status, lead_department_id AS "leadDepartmentId", department_ids AS "departmentIds",
            approver_role AS "approverRole", grade_code AS "gradeCode",
            next_due_on - DATE '1970-01-01' AS "nextDueDay", pending_deadline_year AS "pendingYear",
            COALESCE(next_due_on < ${options.today}::date, false) AS overdue, rules_version AS "rulesVersion"
       FROM cases ${whereAll(ledgerConditions(options.filter, options))}
      ORDER BY ${ledgerOrder(options.sort)}
      LIMIT ${MAX_EXPORT_ROWS}`,
  );
  const labels = await Labels.load(em, options.parkId);

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Qifu';
  const sheet = workbook.addWorksheet('台账', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  sheet.columns = LEDGER_EXPORT_COLUMNS.map((column) => ({
    width: column.width,
    ...(column.numFmt ? { style: { numFmt: column.numFmt } } : {}),
  }));
  const header = sheet.addRow(LEDGER_EXPORT_COLUMNS.map((column) => column.header));
  header.eachCell((cell) => {
    cell.style = {
      font: { bold: true },
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } },
      alignment: { vertical: 'middle', horizontal: 'center' },
      border: { bottom: { style: 'thin', color: { argb: 'FF9AA8BC' } } },
    };
  });
  header.commit();
  const backlog = worksheetBacklog(sheet);
  if (!backlog) throw new Error('exceljs: the worksheet stream is not where the export expects it');

  let count = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const batch = await rowsOfSql(em, sql<ExportRow>`FETCH ${sql.lit(FETCH_ROWS)} FROM ledger_export`);
    if (batch.length === 0) break;
    await labels.prepare(batch);
    for (let start = 0; start < batch.length; start += SLICE_ROWS) {
      for (const row of batch.slice(start, start + SLICE_ROWS)) {
        const added = sheet.addRow(LEDGER_EXPORT_COLUMNS.map((column) => column.value(row, labels)));
        for (let c = 0; c < CELL_STYLES.length; c++) added.getCell(c + 1).style = CELL_STYLES[c];
        added.commit();
      }
      await backlog.taken(options.signal);
    }
    count += batch.length;
    // The zip buffers what `out` refuses without pushing back: wait until `out` has taken all of it.
    while (out.writableNeedDrain) await drain(out, options.signal);
    if (batch.length < FETCH_ROWS) break;
  }
  await rowsOfSql(em, sql`CLOSE ledger_export`);

  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: count + 1, column: LEDGER_EXPORT_COLUMNS.length },
  };
  sheet.commit();
  await untilDone(workbook.commit(), options.signal);
  return { rows: count };
}

/** `work`, or the abort's reason if `signal` aborts first (a workbook never finishes into a closed stream). */
async function untilDone<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  // Whichever loses the race must not end as an unhandled rejection.
  work.catch(() => undefined);
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    signal.throwIfAborted();
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
