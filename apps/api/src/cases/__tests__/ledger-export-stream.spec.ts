import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { EntityManager } from 'typeorm';
import { loadParkConfig } from '../../rules/park-config-files.js';
import { worksheetBacklog, writeLedgerWorkbook } from '../ledger-export.js';

/**
 * The database side of the export, played by a fake: a cursor of `total` cases that counts its
 * FETCHes, the park's departments and rules version 1.
 */
function fakeCursor(total: number) {
  const rules = loadParkConfig('zhengyang').rules;
  let fetched = 0;
  let served = 0;
  const row = (n: number) => ({
    registrationNo: `企业困难问题〔2026〕第${n}号`,
    enterpriseName: `重庆正阳${n}号精密机械有限公司`,
    categoryCode: 'POWER_SUPPLY',
    channelCode: 'HOTLINE',
    reportedAtLocal: Date.UTC(2026, 2, 5, 9, 30),
    title: `用电增容审批进度慢，影响新生产线投产（${n}）`,
    status: 'IN_PROGRESS',
    leadDepartmentId: null,
    departmentIds: [],
    approverRole: 'LEADER_IN_CHARGE',
    gradeCode: null,
    nextDueDay: 20_000,
    overdue: false,
    rulesVersion: 1,
  });
  const em = {
    query: async (sql: string) => {
      const fetch = /^FETCH (\d+)/.exec(sql);
      if (fetch) {
        const count = Math.min(Number(fetch[1]), total - served);
        fetched++;
        served += count;
        return Array.from({ length: count }, (_, i) => row(served - count + i + 1));
      }
      if (sql.includes('FROM departments')) return [];
      // Read through the typed builder, which writes quoted lower-case SQL.
      if (/from "?park_rules_versions\b/i.test(sql))
        return [
          {
            id: randomUUID(),
            version: 1,
            effective_from: '2026-01-01',
            published_at: new Date(),
            published_by: null,
            note: null,
            rules,
            current: true,
          },
        ];
      return [];
    },
  } as unknown as EntityManager;
  return { em, fetches: () => fetched };
}

const options = (signal?: AbortSignal) => ({
  filter: {},
  sort: 'REGISTRATION_DESC' as const,
  today: '2026-11-29',
  reach: { kind: 'PARK' } as const,
  parkId: randomUUID(),
  signal,
});

/** Resolves once `count()` has not changed for `quietMs`. */
async function settled(count: () => number, quietMs = 300): Promise<number> {
  let last = -1;
  while (count() !== last) {
    last = count();
    await sleep(quietMs);
  }
  return last;
}

const ROWS = 20_000;

describe('ledger export stream', () => {
  it('finds where exceljs keeps the worksheet XML (the backpressure depends on it)', async () => {
    const out = new PassThrough();
    out.resume();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out });
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(['x']).commit();
    const backlog = worksheetBacklog(sheet);
    expect(backlog).not.toBeNull();
    expect(typeof backlog!.bytes).toBe('number');
    sheet.commit();
    await workbook.commit();
  });

  it('stops reading the database while the client does not take the file, and goes on when it does', async () => {
    const cursor = fakeCursor(ROWS);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    const writing = writeLedgerWorkbook(cursor.em, out, options());

    // Nobody reads `out`: after a few batches fill the buffers, no more rows are fetched.
    const stalled = await settled(cursor.fetches);
    expect(stalled).toBeGreaterThan(0);
    expect(stalled).toBeLessThan(10);

    const ended = new Promise((resolve) => out.once('end', resolve));
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await expect(writing).resolves.toEqual({ rows: ROWS });
    await ended;

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(ROWS + 1);
    expect(sheet.getRow(ROWS + 1).getCell(1).value).toBe(`企业困难问题〔2026〕第${ROWS}号`);
    expect(sheet.getRow(2).getCell(3).value).toBe('用电保障');
  }, 60_000);

  it('gives up when the client goes away', async () => {
    const cursor = fakeCursor(ROWS);
    const out = new PassThrough();
    const abort = new AbortController();
    const writing = writeLedgerWorkbook(cursor.em, out, options(abort.signal));
    const stalled = await settled(cursor.fetches);
    abort.abort(new Error('the client closed the connection'));
    await expect(writing).rejects.toThrow('the client closed the connection');
    expect(cursor.fetches()).toBe(stalled);
  });
});
