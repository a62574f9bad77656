import { readFile } from 'node:fs/promises';
import PizZip from 'pizzip';
import { DOCX_KINDS, type DocxKind } from '../kinds.js';
import {
  buildDefaultTemplate,
  defaultTemplatePath,
  readDefaultTemplate,
} from '../templates/default-templates.js';
import { attributesOf, partXml, referencedPart } from './docx-test-utils.js';

const LETTERS: DocxKind[] = [
  'REFERRAL_LETTER',
  'SUPERVISION_LETTER',
  'SPECIAL_SUPERVISION_LETTER',
  'HANDOVER_LETTER',
];

describe('default templates', () => {
  const built = new Map<DocxKind, Buffer>();
  beforeAll(async () => {
    for (const kind of DOCX_KINDS) built.set(kind, await buildDefaultTemplate(kind));
  });

  it.each(DOCX_KINDS)('%s: the committed file is what the templates script builds', async (kind) => {
    const committed = await readFile(defaultTemplatePath(kind));
    // If this fails after a change to the layout code: npm run -w @qifu/documents templates
    expect(committed.equals(built.get(kind)!)).toBe(true);
  });

  it('builds the same bytes twice (fixed dates in core.xml and in the archive)', async () => {
    const again = await buildDefaultTemplate('REFERRAL_LETTER');
    expect(again.equals(built.get('REFERRAL_LETTER')!)).toBe(true);
    expect(partXml(again, 'docProps/core.xml')).toContain('2022-04-20T00:00:00Z');
  });

  it.each(DOCX_KINDS)('%s: A4 page with the GB/T 9704 margins and a 22-line grid', async (kind) => {
    const xml = partXml(await readDefaultTemplate(kind));
    const sectPr = xml.slice(xml.lastIndexOf('<w:sectPr'));
    expect(attributesOf(sectPr, 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    // 37, 35, 28 and 26 mm in twips.
    expect(attributesOf(sectPr, 'w:pgMar')).toMatchObject({
      'w:top': '2098',
      'w:bottom': '1984',
      'w:left': '1587',
      'w:right': '1474',
    });
    expect(attributesOf(sectPr, 'w:docGrid')).toMatchObject({ 'w:type': 'lines', 'w:linePitch': '579' });
  });

  it('sets 3号 仿宋_GB2312 body text on the grid and a 2号 方正小标宋简体 title', async () => {
    const styles = partXml(await readDefaultTemplate('REFERRAL_LETTER'), 'word/styles.xml');
    const defaults = styles.slice(styles.indexOf('<w:docDefaults>'), styles.indexOf('</w:docDefaults>'));
    expect(defaults).toContain('w:eastAsia="仿宋_GB2312"');
    expect(defaults).toContain('<w:sz w:val="32"/>');
    expect(defaults).toContain('<w:spacing w:val="-5"/>');
    expect(defaults).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"/);
    const style = (id: string): string => {
      const start = styles.indexOf(`w:styleId="${id}"`);
      return styles.slice(start, styles.indexOf('</w:style>', start));
    };
    expect(style('Title')).toContain('w:eastAsia="方正小标宋简体"');
    expect(style('Title')).toContain('<w:sz w:val="44"/>');
    expect(style('Heading1')).toContain('w:eastAsia="黑体"');
    expect(style('Heading2')).toContain('w:eastAsia="楷体_GB2312"');
    expect(style('GbBody')).toContain('<w:ind w:firstLine="630"/>');
  });

  it.each(LETTERS)('%s: red masthead with a red double rule, no page number on page 1', async (kind) => {
    const docx = await readDefaultTemplate(kind);
    const xml = partXml(docx);
    // In the first page's header, which starts 27 mm down so that the name's ink starts at 30 mm.
    expect(referencedPart(docx, 'header', 'first')).toMatch(
      /<w:pStyle w:val="GbMasthead"\/><w:pBdr><w:bottom w:val="thickThinSmallGap" w:color="FF0000" w:sz="24"/,
    );
    expect(xml).not.toContain('GbMasthead');
    expect(attributesOf(xml.slice(xml.lastIndexOf('<w:sectPr')), 'w:pgMar')).toMatchObject({
      'w:header': '1531',
    });
    expect(partXml(docx, 'word/styles.xml')).toMatch(
      /w:styleId="GbMasthead"[\s\S]*?<w:color w:val="FF0000"\/>/,
    );
    expect(xml).toContain('<w:titlePg/>');
    const zip = new PizZip(docx);
    const footers = zip.file(/word\/footer\d+\.xml/).map((f) => f.asText());
    const first = xml.match(/<w:footerReference w:type="first" r:id="(\w+)"\/>/)?.[1];
    expect(first).toBeDefined();
    const rels = zip.file('word/_rels/document.xml.rels')!.asText();
    const firstFooter = zip
      .file(`word/${new RegExp(`Id="${first}"[^>]*Target="([^"]+)"`).exec(rels)![1]}`)!
      .asText();
    expect(firstFooter).not.toContain('PAGE');
    expect(firstFooter).toContain('w:val="thinThickSmallGap"');
    expect(
      footers.filter((f) => f.includes('<w:instrText xml:space="preserve">PAGE</w:instrText>')),
    ).toHaveLength(2);
  });

  it.each(DOCX_KINDS)('%s: page numbers "— N —", odd on the right and even on the left', async (kind) => {
    const docx = await readDefaultTemplate(kind);
    const zip = new PizZip(docx);
    expect(partXml(docx, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const numbered = zip
      .file(/word\/footer\d+\.xml/)
      .map((f) => f.asText())
      .filter((f) => f.includes('PAGE'));
    expect(numbered).toHaveLength(2);
    for (const footer of numbered) {
      expect(footer).toMatch(
        /<w:t xml:space="preserve">— <\/w:t>[\s\S]*PAGE[\s\S]*<w:t xml:space="preserve"> —<\/w:t>/,
      );
    }
    expect(numbered.some((f) => f.includes('<w:jc w:val="right"/>'))).toBe(true);
    expect(numbered.some((f) => f.includes('<w:jc w:val="left"/>'))).toBe(true);
    if (!LETTERS.includes(kind)) expect(partXml(docx)).not.toContain('<w:titlePg/>');
  });

  it('the forms are tables as wide as the type area', async () => {
    for (const kind of ['REGISTRATION_FORM', 'ASSIGNMENT_SHEET'] as const) {
      const xml = partXml(await readDefaultTemplate(kind));
      expect(attributesOf(xml, 'w:tblW')).toMatchObject({ 'w:type': 'dxa', 'w:w': '8845' });
      expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
      expect(xml).toContain('<w:vMerge w:val="restart"/>');
    }
  });

  it('the circular notice has the general-format masthead: red name, number, red rule', async () => {
    const xml = partXml(await readDefaultTemplate('CIRCULAR_NOTICE'));
    expect(xml).toContain('{issuingBodyName}');
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000" w:sz="8"[^>]*\/>[\s\S]*?\{noticeNo\}/);
  });
});
