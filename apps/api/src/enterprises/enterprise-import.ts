import ExcelJS from 'exceljs';
import { badInput, type FieldProblem } from '../common/errors.js';
import { assertSafeZip, type ZipLimits } from '../common/safe-zip.js';
import type { ImportedLink } from './enterprise-link.js';
import type { SaveEnterpriseInput } from './enterprise.models.js';
import { enterpriseProblems } from './enterprise.service.js';
import { parseCsv } from '@qifu/domain';

/** The link columns: the linked department by its code, the linked cadre by username. */
const LINK_FIELDS = ['linkedDepartment', 'linkedCadre', 'linkedCadrePhone'] as const;
type ImportField = keyof SaveEnterpriseInput | (typeof LINK_FIELDS)[number];

// Header names accepted for each field: the console's export and the usual Chinese column titles.
const HEADERS: Record<ImportField, string[]> = {
  creditCode: ['creditcode', '统一社会信用代码', '信用代码'],
  name: ['name', '企业名称', '名称'],
  address: ['address', '详细地址', '地址'],
  contactName: ['contactname', '联系人'],
  contactPhone: ['contactphone', '联系电话', '电话'],
  operating: ['operating', '在园经营'],
  linkedDepartment: ['linkeddepartment', '挂钩联系部门', '挂钩部门'],
  linkedCadre: ['linkedcadre', '挂钩联系干部', '包保干部'],
  linkedCadrePhone: ['linkedcadrephone', '挂钩联系干部电话', '挂钩干部电话'],
};

/**
 * One row of an enterprise list, with its link when the file has link columns: the department
 * column sets the linked department, the cadre column the linked cadre and phone (an empty cell:
 * none); what the file has no column for, the enterprise keeps.
 */
export interface ImportedEnterprise {
  input: SaveEnterpriseInput;
  link?: ImportedLink;
}

/**
 * Largest workbook accepted (the .xlsx file itself): base64 in a GraphQL request it must stay under
 * the API's 1 MB body limit. About 10,000 enterprises fit.
 */
export const MAX_XLSX_BYTES = 700 * 1024;
/** A list of enterprises never has more rows; larger sheets are refused, not truncated. */
const MAX_ROWS = 20_000;

export function enterprisesFromCsv(text: string): ImportedEnterprise[] {
  return enterprisesFromTable(parseCsv(text), 'csv');
}

/**
 * Reads the first worksheet of an .xlsx workbook (as exported by Excel or WPS) the same way as a
 * CSV: a header row, then one enterprise per row. Cells are read as the text they show. The archive
 * is checked entry by entry first: exceljs inflates every part into memory.
 */
export async function enterprisesFromXlsx(file: Buffer, zipLimits: ZipLimits): Promise<ImportedEnterprise[]> {
  if (file.length === 0) throw badInput([{ path: 'file', message: 'empty file' }]);
  if (file.length > MAX_XLSX_BYTES)
    throw badInput([{ path: 'file', message: `larger than ${MAX_XLSX_BYTES / 1024} KB` }]);
  await assertSafeZip(file, 'file', zipLimits);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw badInput([{ path: 'file', message: 'not an .xlsx workbook' }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw badInput([{ path: 'file', message: 'empty file' }]);
  if (sheet.rowCount > MAX_ROWS + 1)
    throw badInput([{ path: 'file', message: `more than ${MAX_ROWS} rows` }]);
  const table: string[][] = [];
  // Row numbers are kept (blank rows stay blank) so that problems name the row Excel shows.
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text ?? '');
    table.push(cells);
  }
  while (table.length > 1 && table[table.length - 1].every((cell) => cell.trim() === '')) table.pop();
  return enterprisesFromTable(table, 'file');
}

/**
 * Reads an enterprise list (a header row, then rows). Every problem of every row is reported with its
 * row number (`rows.3.creditCode`, counting the header as row 1), and nothing is imported if any.
 */
function enterprisesFromTable(table: string[][], source: 'csv' | 'file'): ImportedEnterprise[] {
  const [header, ...rows] = table;
  if (!header) throw badInput([{ path: source, message: 'empty file' }]);
  const columns = new Map<ImportField, number>();
  header.forEach((title, index) => {
    const key = title.trim().toLowerCase().replace(/[\s_]/g, '');
    for (const [field, names] of Object.entries(HEADERS) as [ImportField, string[]][]) {
      if (names.includes(key)) columns.set(field, index);
    }
  });
  const missing: ImportField[] = (['creditCode', 'name'] as const).filter((field) => !columns.has(field));
  // The phone goes with the cadre it reaches.
  if (columns.has('linkedCadrePhone') && !columns.has('linkedCadre')) missing.push('linkedCadre');
  if (missing.length > 0) {
    throw badInput(
      missing.map((field) => ({ path: source, message: `missing column ${HEADERS[field][1]} (${field})` })),
    );
  }
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  const inputs = rows.map((cells, index) => {
    const line = index + 2;
    const cell = (field: ImportField) => {
      const column = columns.get(field);
      return column === undefined ? undefined : (cells[column] ?? '').trim();
    };
    const operating = cell('operating');
    const input: SaveEnterpriseInput = {
      creditCode: (cell('creditCode') ?? '').toUpperCase(),
      name: cell('name') ?? '',
      address: cell('address'),
      contactName: cell('contactName'),
      contactPhone: cell('contactPhone'),
      operating: operating === undefined || operating === '' ? true : !/^(false|no|0|否)$/i.test(operating),
    };
    if (input.name.length < 2)
      problems.push({ path: `rows.${line}.name`, message: 'must be at least 2 characters' });
    problems.push(...enterpriseProblems(input, `rows.${line}.`));
    const first = seen.get(input.creditCode);
    if (first) problems.push({ path: `rows.${line}.creditCode`, message: `same as row ${first}` });
    else seen.set(input.creditCode, line);
    if (!LINK_FIELDS.some((field) => columns.has(field))) return { input };
    const link = {
      departmentCode: cell('linkedDepartment'),
      cadreUsername: cell('linkedCadre'),
      cadrePhone: cell('linkedCadrePhone'),
    };
    return { input, link };
  });
  if (problems.length > 0) throw badInput(problems.slice(0, 100));
  return inputs;
}
