import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { columnName, crc32, sheetName, xlsxOf } from '../table-xlsx';

describe('dashboard table as an Excel workbook', () => {
  it('is read back by a spreadsheet library with its heading, header, numbers and formats', async () => {
    const bytes = xlsxOf({
      name: '部室按时答复率排名',
      heading: ['部室按时答复率排名', '2026-01 至 2026-11'],
      columns: [
        { label: '牵头部室', width: 28 },
        { label: '按时答复率', format: 'percent' },
        { label: '样本数', format: 'integer' },
        { label: '平均办理时长', format: 'decimal' },
      ],
      rows: [
        ['经济发展部 <A&B>', 0.75, 8, 4.5],
        ['未确定牵头部室', null, 0, null],
      ],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
    const sheet = workbook.worksheets[0];

    expect(sheet.name).toBe('部室按时答复率排名');
    expect(sheet.getCell('A1').value).toBe('部室按时答复率排名');
    expect(sheet.getCell('A2').value).toBe('2026-01 至 2026-11');
    expect(sheet.getRow(4).values).toEqual([undefined, '牵头部室', '按时答复率', '样本数', '平均办理时长']);
    expect(sheet.getRow(5).values).toEqual([undefined, '经济发展部 <A&B>', 0.75, 8, 4.5]);
    expect(sheet.getCell('B5').numFmt).toBe('0.00%');
    expect(sheet.getCell('D5').numFmt).toBe('0.0');
    expect(sheet.getCell('A6').value).toBe('未确定牵头部室');
    expect(sheet.getCell('B6').value).toBeNull();
    expect(sheet.getCell('C6').value).toBe(0);
    expect(sheet.getCell('A4').font?.bold).toBe(true);
  });

  it('names columns and sheets as Excel requires', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(sheetName('A/B: [x]?')).toBe('A B   x');
    expect(sheetName('月度趋势'.repeat(10))).toHaveLength(31);
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
