import { describe, expect, it } from '@jest/globals';
import { DEFAULT_TEMPLATE_FILES, readDefaultTemplate } from '@qifu/documents';
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { craftZip, entriesOf, workbookBomb } from '../../bench/zip-bomb.js';
import { assertSafeZip, checkZip, DEFAULT_ZIP_LIMITS, UnsafeArchive } from '../safe-zip.js';

const MEGABYTE = 1024 * 1024;

async function enterpriseWorkbook(rows: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('企业名录');
  sheet.addRow(['统一社会信用代码', '企业名称', '详细地址', '联系人', '联系电话']);
  for (let i = 0; i < rows; i++) {
    sheet.addRow([
      `91500114MA5U${String(i).padStart(6, '0')}`,
      `重庆正阳第${i}机械有限公司`,
      `${i}号`,
      '王经理',
      '023-79420000',
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function refusal(source: Buffer | { path: string }, limits = DEFAULT_ZIP_LIMITS): Promise<string> {
  const error = await checkZip(source, limits).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof UnsafeArchive)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.bilingual;
}

const text = (s: string) => [{ data: Buffer.from(s) }];

describe('checking a ZIP archive before it is parsed (safe-zip)', () => {
  it('accepts real workbooks and the built-in Word templates, from memory or from a file', async () => {
    await expect(checkZip(await enterpriseWorkbook(5000), DEFAULT_ZIP_LIMITS)).resolves.toBeUndefined();
    for (const kind of Object.keys(DEFAULT_TEMPLATE_FILES) as (keyof typeof DEFAULT_TEMPLATE_FILES)[]) {
      await expect(checkZip(await readDefaultTemplate(kind), DEFAULT_ZIP_LIMITS)).resolves.toBeUndefined();
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), 'qifu-zip-'));
    try {
      const file = path.join(dir, 'list.xlsx');
      await writeFile(file, await enterpriseWorkbook(10));
      await expect(checkZip({ path: file }, DEFAULT_ZIP_LIMITS)).resolves.toBeUndefined();
      await writeFile(file, workbookBomb(await enterpriseWorkbook(1), 50));
      expect(await refusal({ path: file })).toMatch(/解压后超过 32.0 MB/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses the finding’s workbook: 200 MB inflated from about 200 KB', async () => {
    const bomb = workbookBomb(await enterpriseWorkbook(1), 200);
    expect(bomb.length).toBeLessThan(300 * 1024);
    expect(await refusal(bomb)).toBe('解压后超过 32.0 MB / inflates to more than 32.0 MB');
    // From what the directory declares, before inflating: these bytes would not even inflate.
    const declared = craftZip([
      {
        name: 'xl/worksheets/sheet1.xml',
        parts: [{ data: randomBytes(1000) }],
        declaredSize: 200 * MEGABYTE,
      },
    ]);
    expect(await refusal(declared)).toMatch(/inflates to more than 32.0 MB$/);
  });

  it('refuses an entry that compresses too well, even under the total', async () => {
    const bomb = craftZip([
      { name: 'xl/worksheets/sheet1.xml', parts: [{ data: Buffer.alloc(MEGABYTE, 0x20), times: 4 }] },
    ]);
    expect(await refusal(bomb)).toMatch(/sheet1.xml inflates to more than 100 times its compressed size$/);
  });

  it('refuses an entry that inflates to more than it declares, counting what it really inflates to', async () => {
    const liar = craftZip([
      { name: 'word/document.xml', parts: [{ data: randomBytes(64 * 1024) }], declaredSize: 1000 },
    ]);
    expect(await refusal(liar)).toMatch(/word\/document.xml does not inflate to the size it declares$/);
  });

  it('refuses more entries than allowed, a name twice, and archives inside', async () => {
    const many = craftZip(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.xml`, parts: text('<a/>') })));
    expect(await refusal(many, { ...DEFAULT_ZIP_LIMITS, maxEntries: 10 })).toMatch(/more than 10 entries/);

    const twice = craftZip([
      { name: 'word/document.xml', parts: text('<a/>') },
      { name: 'word/document.xml', parts: text('<b/>') },
    ]);
    expect(await refusal(twice)).toMatch(/word\/document.xml appears twice/);

    const inner = craftZip([{ name: 'a.txt', parts: text('a') }]);
    const nestedZip = craftZip([
      { name: 'word/document.xml', parts: text('<a/>') },
      { name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx', parts: [{ data: inner }], stored: true },
    ]);
    expect(await refusal(nestedZip)).toMatch(/^压缩包内嵌套了压缩包 .*nested archive$/);
    const nestedGzip = craftZip([{ name: 'data.bin', parts: [{ data: gzipSync(Buffer.alloc(10_000)) }] }]);
    expect(await refusal(nestedGzip)).toMatch(/data.bin is a nested archive/);
  });

  it('refuses what it cannot read: not a ZIP, an encrypted entry', async () => {
    expect(await refusal(Buffer.from('统一社会信用代码,企业名称\n'))).toMatch(/^不是有效的压缩文件/);
    const encrypted = craftZip([{ name: 'word/document.xml', parts: text('<a/>'), encrypted: true }]);
    expect(await refusal(encrypted)).toMatch(/encrypted or compressed in an unsupported way/);
  });

  it('refuses an archive that inflates too much overall, each entry within its own ratio', async () => {
    const entries = Array.from({ length: 8 }, (_, i) => ({
      name: `part${i}.xml`,
      parts: [{ data: Buffer.alloc(MEGABYTE / 2, 0x20) }],
    }));
    const limits = { ...DEFAULT_ZIP_LIMITS, maxEntryRatio: 10_000, maxTotalRatio: 50 };
    expect(await refusal(craftZip(entries), limits)).toMatch(/more than 50 times the size of the file/);
  });

  it('answers BAD_USER_INPUT on the field the archive came in', async () => {
    const bomb = workbookBomb(await enterpriseWorkbook(1), 40);
    const error = await assertSafeZip(bomb, 'file', DEFAULT_ZIP_LIMITS).catch((e: unknown) => e);
    expect(error).toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'file', message: expect.stringMatching(/解压/) }],
      },
    });
    await expect(
      assertSafeZip(craftZip(entriesOf(await enterpriseWorkbook(1))), 'file', DEFAULT_ZIP_LIMITS),
    ).resolves.toBeUndefined();
  });
});
