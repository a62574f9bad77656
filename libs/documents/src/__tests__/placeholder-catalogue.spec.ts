import { placeholderCatalogue, sampleData } from '../catalogue/placeholder-catalogue.js';
import type { PlaceholderInfo } from '../catalogue/field-spec.js';
import { DOCX_KINDS } from '../kinds.js';
import { leafStrings } from './docx-test-utils.js';

function everyEntry(list: PlaceholderInfo[]): PlaceholderInfo[] {
  return list.flatMap((p) => [p, ...everyEntry(p.fields ?? [])]);
}

describe('placeholder catalogue', () => {
  it.each(DOCX_KINDS)(
    '%s: names unique per level, both descriptions, an example of the right kind',
    (kind) => {
      const catalogue = placeholderCatalogue(kind);
      const levels = [catalogue, ...everyEntry(catalogue).flatMap((p) => (p.fields ? [p.fields] : []))];
      for (const level of levels) expect(new Set(level.map((p) => p.name)).size).toBe(level.length);
      for (const entry of everyEntry(catalogue)) {
        expect(entry.name).toMatch(/^[a-z][A-Za-z0-9]*$/);
        expect(entry.descriptionZh.trim()).not.toBe('');
        expect(entry.descriptionEn.trim()).not.toBe('');
        if (entry.kind === 'text') {
          expect(typeof entry.example).toBe('string');
          expect(entry.tag).toBe(`{${entry.name}}`);
        }
        if (entry.kind === 'condition') expect(typeof entry.example).toBe('boolean');
        if (entry.kind === 'loop') {
          expect(Array.isArray(entry.example) && entry.example.length).toBeGreaterThan(0);
          expect(entry.tag).toMatch(new RegExp(`^\\{#${entry.name}\\}.*\\{/${entry.name}\\}$`));
          for (const item of entry.example as Record<string, unknown>[]) {
            expect(Object.keys(item).sort()).toEqual(entry.fields!.map((f) => f.name).sort());
          }
        }
      }
    },
  );

  it.each(DOCX_KINDS)('%s: the sample data has every catalogue field and no other', (kind) => {
    const data = sampleData(kind) as unknown as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(placeholderCatalogue(kind).map((p) => p.name));
  });

  it('gives a fresh copy of the sample data on each call', () => {
    const first = sampleData('ASSIGNMENT_SHEET');
    first.cooperatingDepartments.push({ name: '党政办公室' });
    first.enterpriseName = 'changed';
    const second = sampleData('ASSIGNMENT_SHEET');
    expect(second.cooperatingDepartments).toHaveLength(2);
    expect(second.enterpriseName).toBe('重庆犇垚精密机械有限公司');
  });

  it('samples numbers in the park formats, with 〔〕 around the year', () => {
    const numbers = DOCX_KINDS.flatMap((kind) =>
      leafStrings(sampleData(kind)).filter(({ path }) => /(No|registrationNo|assignmentNo)$/.test(path)),
    );
    expect(numbers.length).toBeGreaterThan(8);
    for (const { value } of numbers) expect(value).toMatch(/〔20\d\d〕/);
  });

  it('samples people whose names are outside GB2312', () => {
    const all = DOCX_KINDS.flatMap((kind) => leafStrings(sampleData(kind)).map((l) => l.value)).join();
    for (const name of ['王犇', '李垚', '张旸', '陈昇', '赵珺玥', '周喆', '吴祎'])
      expect(all).toContain(name);
  });
});
