import { badInput, type FieldProblem } from '../common/errors.js';
import type { EnterpriseInput } from './enterprise.models.js';
import { enterpriseProblems } from './enterprise.service.js';
import { parseCsv } from './csv.js';

// Header names accepted for each field: the console's export and the usual Chinese column titles.
const HEADERS: Record<keyof EnterpriseInput, string[]> = {
  creditCode: ['creditcode', '统一社会信用代码', '信用代码'],
  name: ['name', '企业名称', '名称'],
  address: ['address', '详细地址', '地址'],
  contactName: ['contactname', '联系人'],
  contactPhone: ['contactphone', '联系电话', '电话'],
  operating: ['operating', '在园经营'],
};

/**
 * Reads an enterprise list (CSV with a header row). Every problem of every row is reported with its
 * row number (`rows.3.creditCode`, counting the header as row 1), and nothing is imported if any.
 */
export function enterprisesFromCsv(text: string): EnterpriseInput[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw badInput([{ path: 'csv', message: 'empty file' }]);
  const columns = new Map<keyof EnterpriseInput, number>();
  header.forEach((title, index) => {
    const key = title.trim().toLowerCase().replace(/[\s_]/g, '');
    for (const [field, names] of Object.entries(HEADERS) as [keyof EnterpriseInput, string[]][]) {
      if (names.includes(key)) columns.set(field, index);
    }
  });
  const missing = (['creditCode', 'name'] as const).filter((field) => !columns.has(field));
  if (missing.length > 0) {
    throw badInput(
      missing.map((field) => ({ path: 'csv', message: `missing column ${HEADERS[field][1]} (${field})` })),
    );
  }
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  const inputs = rows.map((cells, index) => {
    const line = index + 2;
    const cell = (field: keyof EnterpriseInput) => {
      const column = columns.get(field);
      return column === undefined ? undefined : (cells[column] ?? '').trim();
    };
    const operating = cell('operating');
    const input: EnterpriseInput = {
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
    return input;
  });
  if (problems.length > 0) throw badInput(problems.slice(0, 100));
  return inputs;
}
