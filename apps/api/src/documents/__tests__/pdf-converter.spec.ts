import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DOCX_KINDS, type DocxKind, readDefaultTemplate, renderDocx, sampleData } from '@qifu/documents';
import pngjs from 'pngjs';
import { loadConfig } from '../../config/config.js';
import {
  checkPdfConversion,
  PdfConversionError,
  PdfConverter,
  REPO_FONTCONFIG_FILE,
} from '../pdf-converter.js';

const run = promisify(execFile);
const MM = 72 / 25.4;
const LETTERS: DocxKind[] = [
  'REFERRAL_LETTER',
  'SUPERVISION_LETTER',
  'SPECIAL_SUPERVISION_LETTER',
  'HANDOVER_LETTER',
];
const RARE_NAMES = ['王犇', '李垚', '张旸', '陈昇', '赵珺玥', '周喆', '吴祎'];
const RARE_CHARACTERS = /[犇垚旸昇珺玥喆祎]/u;
/** The free fonts infra/fonts/fonts.conf maps the templates' Windows names to. */
const FREE_FONTS = /^(FandolFang|NotoSerifCJK|NotoSansCJK|LXGWWenKai|Liberation)/;
const NUMBER_FIELD: Record<DocxKind, string> = {
  REGISTRATION_FORM: 'registrationNo',
  ASSIGNMENT_SHEET: 'assignmentNo',
  REFERRAL_LETTER: 'letterNo',
  SUPERVISION_LETTER: 'letterNo',
  SPECIAL_SUPERVISION_LETTER: 'letterNo',
  CIRCULAR_NOTICE: 'noticeNo',
  HANDOVER_LETTER: 'letterNo',
};

async function popplerMissing(): Promise<string | null> {
  try {
    await run('pdftotext', ['-v']);
    return null;
  } catch {
    return 'poppler-utils (pdftotext, pdffonts, pdftoppm) is not installed';
  }
}

// PDF output needs LibreOffice on the machine: CI installs it and must run these tests; elsewhere
// they are skipped with the reason.
const probe = new PdfConverter();
const availability = await probe.available();
// The fonts tests need FandolFang, the free 仿宋 the templates' body text is set in.
const missing = availability.available
  ? ((await popplerMissing()) ?? availability.warnings.find((w) => w.startsWith('FandolFang')) ?? null)
  : availability.reason;
const inCi = process.env.CI === 'true';
if (missing && !inCi) console.warn(`PDF conversion tests skipped: ${missing}`);
const describePdf = missing && !inCi ? describe.skip : describe;

function pdfTool(tool: string, args: string[], pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(tool, [...args, '-', '-'], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    child.stdin!.end(pdf);
  });
}

async function withTempPdf<T>(pdf: Buffer, use: (file: string) => Promise<T>): Promise<T> {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qifu-pdf-test-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await writeFile(file, pdf);
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Word {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** Words of page 1 with their boxes in millimetres from the top left corner. */
async function pageOneWords(pdf: Buffer, page = 1): Promise<Word[]> {
  const html = await pdfTool('pdftotext', ['-f', String(page), '-l', String(page), '-bbox'], pdf);
  return [...html.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)].map(
    (m) => ({
      xMin: Number(m[1]) / MM,
      yMin: Number(m[2]) / MM,
      xMax: Number(m[3]) / MM,
      yMax: Number(m[4]) / MM,
      text: m[5],
    }),
  );
}

/** Each font of the PDF: name, embedded, with a Unicode map (pdffonts). */
async function fonts(pdf: Buffer): Promise<{ name: string; embedded: boolean; unicode: boolean }[]> {
  const out = await withTempPdf(pdf, (file) => run('pdffonts', [file]).then((r) => r.stdout));
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name type(1-2 words) encoding emb sub uni object ID: read the flags from the end.
      const [emb, , uni] = cols.slice(-5, -2);
      return { name: cols[0].replace(/^[A-Z]{6}\+/, ''), embedded: emb === 'yes', unicode: uni === 'yes' };
    });
}

/** The text runs of the PDF with the font each is drawn in (pdftohtml -xml). */
async function textRuns(pdf: Buffer): Promise<{ font: string; text: string }[]> {
  const xml = await withTempPdf(pdf, (file) =>
    run('pdftohtml', ['-xml', '-i', '-stdout', '-q', file], { maxBuffer: 64 * 1024 * 1024 }).then(
      (r) => r.stdout,
    ),
  );
  const families = new Map(
    [...xml.matchAll(/<fontspec id="(\d+)"[^>]*family="([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
  return [...xml.matchAll(/<text [^>]*font="(\d+)"[^>]*>(.*?)<\/text>/g)].map((m) => ({
    font: (families.get(m[1]) ?? '').replace(/^[A-Z]{6}\+/, ''),
    text: m[2].replace(/<[^>]+>/g, ''),
  }));
}

async function pageSizes(pdf: Buffer): Promise<{ width: number; height: number }[]> {
  const out = await withTempPdf(pdf, (file) =>
    run('pdfinfo', ['-f', '1', '-l', '99', file]).then((r) => r.stdout),
  );
  return [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({
    width: Number(m[1]) / MM,
    height: Number(m[2]) / MM,
  }));
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

/** The label cells of the forms, line by line: each must stand whole on one printed line. */
const FORM_LABELS = {
  REGISTRATION_FORM: [
    ...['企业名称', '详细地址', '反映时间', '问题类别', '联系人', '职务', '联系电话', '电子邮箱'],
    ...['反映渠道', '反映形式', '企业反映', '困难问题', '希望协调解决', '事项的部门', '核实情况'],
    ...['分管领导', '甄别意见'],
  ],
  ASSIGNMENT_SHEET: [
    ...['需要办理或', '协调解决事项', '反映企业', '企业地址', '联系人', '联系电话', '牵头办理部室'],
    ...['交办日期', '配合办理部室', '办结时限', '备注'],
  ],
} satisfies Partial<Record<DocxKind, string[]>>;

/** The fontconfig family of a font embedded by LibreOffice (its PostScript name). */
const FAMILY_OF: [RegExp, string][] = [
  [/^FandolFang/, 'FandolFang'],
  [/^NotoSerifCJK/, 'Noto Serif CJK SC'],
  [/^NotoSansCJK/, 'Noto Sans CJK SC'],
  [/^LXGWWenKai/, 'LXGW WenKai'],
];

/** Whether the installed font behind an embedded one has a glyph for the character. */
async function fontHas(embedded: string, char: string): Promise<boolean> {
  const family = FAMILY_OF.find(([pattern]) => pattern.test(embedded))?.[1];
  if (!family) return false;
  const { stdout } = await run(
    'fc-list',
    [`${family}:charset=${char.codePointAt(0)!.toString(16)}`, 'family'],
    {
      env: { ...process.env, FONTCONFIG_FILE: REPO_FONTCONFIG_FILE },
    },
  );
  return stdout.trim() !== '';
}

describe('PdfConverter without LibreOffice', () => {
  it('says PDF output is unavailable and why, and how to install it', async () => {
    const converter = new PdfConverter({ soffice: '/nonexistent/soffice' });
    const docx = renderDocx(
      'REFERRAL_LETTER',
      await readDefaultTemplate('REFERRAL_LETTER'),
      sampleData('REFERRAL_LETTER'),
    );
    const error = await converter.convert(docx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfConversionError);
    expect(error).toMatchObject({ reason: 'unavailable' });
    expect((error as Error).message).toMatch(
      /PDF output is unavailable: LibreOffice \(\/nonexistent\/soffice\) is not installed.*install-pdf-tools\.sh/,
    );
    await converter.close();
  });

  it('is switched off by PDF_CONVERSION=off, and PDF_CONVERSION=required refuses to start without it', async () => {
    const env = {
      DATABASE_URL: 'postgres://x@localhost/x',
      JWT_SECRET: 'x'.repeat(32),
      SOFFICE_PATH: '/nonexistent/soffice',
    };
    const off = loadConfig({ ...env, PDF_CONVERSION: 'off' });
    const { pdfConverterFrom } = await import('../pdf-converter.js');
    const converter = pdfConverterFrom(off);
    await expect(converter.convert(Buffer.from('PK\u0003\u0004'))).rejects.toThrow(
      'PDF output is unavailable: it is switched off (PDF_CONVERSION=off)',
    );

    const required = loadConfig({ ...env, PDF_CONVERSION: 'required' });
    await expect(checkPdfConversion(pdfConverterFrom(required), required, () => undefined)).rejects.toThrow(
      /PDF output is unavailable: LibreOffice \(\/nonexistent\/soffice\) is not installed/,
    );
    const said: string[] = [];
    const auto = loadConfig(env);
    await checkPdfConversion(pdfConverterFrom(auto), auto, (m) => said.push(m));
    expect(said).toEqual([expect.stringMatching(/unavailable.*Word documents are still produced$/)]);
    expect(() => loadConfig({ ...env, PDF_CONVERSION: 'yes' })).toThrow(
      'PDF_CONVERSION: must be auto, required or off',
    );
  });
});

describePdf('PdfConverter with LibreOffice', () => {
  const logs: string[] = [];
  const converter = new PdfConverter({ log: (m) => logs.push(m) });
  const pdfs = new Map<DocxKind, Buffer>();

  beforeAll(async () => {
    if (missing) throw new Error(`PDF output must work in CI: ${missing}`);
    const docxs = await Promise.all(
      DOCX_KINDS.map(async (kind) => renderDocx(kind, await readDefaultTemplate(kind), sampleData(kind))),
    );
    // All at once: the converter queues them for its one LibreOffice.
    const converted = await Promise.all(docxs.map((docx) => converter.convert(docx)));
    DOCX_KINDS.forEach((kind, i) => pdfs.set(kind, converted[i]));
  }, 180_000);

  afterAll(() => converter.close(), 30_000);

  it('starts LibreOffice once for all the documents', () => {
    expect(logs.filter((m) => m.startsWith('LibreOffice started'))).toHaveLength(1);
  });

  it.each(DOCX_KINDS)('%s: the number in 〔〕 and the names outside GB2312 are in the text', async (kind) => {
    const text = squeeze(await pdfTool('pdftotext', [], pdfs.get(kind)!));
    const data = sampleData(kind) as unknown as Record<string, string>;
    const number = data[NUMBER_FIELD[kind]];
    expect(number).toMatch(/〔20\d\d〕/);
    expect(text).toContain(squeeze(number));
    const names = RARE_NAMES.filter((name) => JSON.stringify(data).includes(name));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(text).toContain(name);
  });

  it('prints every rare-character name of the samples', async () => {
    const all = (await Promise.all(DOCX_KINDS.map((kind) => pdfTool('pdftotext', [], pdfs.get(kind)!)))).map(
      squeeze,
    );
    for (const name of RARE_NAMES) expect(all.some((text) => text.includes(name))).toBe(true);
  });

  it.each(DOCX_KINDS)(
    '%s: embeds only the free fonts, FandolFang for the body, rare characters in fonts that have them',
    async (kind) => {
      const pdf = pdfs.get(kind)!;
      const list = await fonts(pdf);
      for (const font of list) {
        expect(font).toMatchObject({ embedded: true, unicode: true });
        expect(font.name).toMatch(FREE_FONTS);
      }
      expect(list.map((f) => f.name)).toContain('FandolFang-Regular');
      const runs = await textRuns(pdf);
      const rare = runs.filter((r) => RARE_CHARACTERS.test(r.text));
      expect(rare.length).toBeGreaterThan(0);
      // FandolFang holds GB2312 (and a little more): each rare character must be drawn in a font
      // that has it, else it is a box (.notdef).
      for (const r of rare)
        for (const char of r.text.match(new RegExp(RARE_CHARACTERS, 'g'))!)
          expect(`${char} in ${r.font}: ${await fontHas(r.font, char)}`).toBe(`${char} in ${r.font}: true`);
      expect(runs.some((r) => r.font.startsWith('FandolFang') && /[\u4e00-\u9fff]{4}/.test(r.text))).toBe(
        true,
      );
    },
  );

  it.each(Object.keys(FORM_LABELS) as (keyof typeof FORM_LABELS)[])(
    '%s: one page with a matter as long as a phoned-in one, no label broken across lines',
    async (kind) => {
      const pdf = pdfs.get(kind)!;
      expect(await pageSizes(pdf)).toHaveLength(1);
      const lines = (await pdfTool('pdftotext', ['-layout'], pdf)).split('\n').map(squeeze);
      const broken = FORM_LABELS[kind].filter((label) => !lines.some((line) => line.includes(label)));
      expect(broken).toEqual([]);
    },
  );

  it.each(['ASSIGNMENT_SHEET', 'REFERRAL_LETTER', 'HANDOVER_LETTER'] as const)(
    '%s: 抄送 stands at the foot of the last page, above the bottom margin',
    async (kind) => {
      const pdf = pdfs.get(kind)!;
      const words = await pageOneWords(pdf, (await pageSizes(pdf)).length);
      const cc = words.find((w) => w.text.startsWith('抄送'));
      expect(cc).toBeDefined();
      // The type area ends 35 mm above the page's foot (262 mm); the line's foot is within 2 mm of it.
      expect(cc!.yMax).toBeGreaterThan(297 - 35 - 2);
      expect(cc!.yMax).toBeLessThan(297 - 35 + 0.5);
    },
  );

  it('keeps the referral letter’s list headings and a landline number each on one line', async () => {
    const data = sampleData('REFERRAL_LETTER');
    const issues = data.issues.map((issue) => ({ ...issue, contact: '王犇\n023-79429609' }));
    const pdf = await converter.convert(
      renderDocx('REFERRAL_LETTER', await readDefaultTemplate('REFERRAL_LETTER'), { ...data, issues }),
    );
    const lines = (await pdfTool('pdftotext', ['-layout'], pdf)).split('\n').map(squeeze);
    for (const whole of ['联系人及电话', '023-79429609'])
      expect(`${whole}: ${lines.some((line) => line.includes(whole))}`).toBe(`${whole}: true`);
  });

  it.each(DOCX_KINDS)('%s: A4 pages, text inside the 37/26/35/28 mm margins', async (kind) => {
    const pdf = pdfs.get(kind)!;
    const sizes = await pageSizes(pdf);
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) {
      expect(size.width).toBeCloseTo(210, 0);
      expect(size.height).toBeCloseTo(297, 0);
    }
    const words = await pageOneWords(pdf);
    // The letters' masthead is in the first page's header, 30 mm down (checked in the image below).
    const letter = LETTERS.includes(kind);
    const masthead = letter ? words.filter((w) => w.yMin < 37) : [];
    if (letter) expect(masthead.map((w) => w.text).join('')).toMatch(/(管理委员会|办公室)$/);
    // The page number "— 1 —" sits in the footer, below the bottom margin.
    const body = words.filter((w) => !masthead.includes(w) && !(w.yMin > 262 && /^[—\d]+$/.test(w.text)));
    const left = Math.min(...body.map((w) => w.xMin));
    const right = Math.max(...body.map((w) => w.xMax));
    expect(Math.abs(left - 28)).toBeLessThan(1);
    // Full lines end at the right margin (210 − 26 mm); none goes past it.
    expect(right).toBeLessThan(184.5);
    expect(right).toBeGreaterThan(183);
    expect(Math.max(...body.map((w) => w.yMax))).toBeLessThan(297 - 35 + 0.5);
    const top = body[0].yMin;
    expect(top).toBeGreaterThan(37);
    // The text starts on the first line of the 22-line grid (579 twips ≈ 10.2 mm), except the
    // circular notice, whose 版头 leaves blank lines above the issuing body's name, and the letters,
    // whose number comes under the masthead's rule (about 44 mm down).
    if (letter) expect(top).toBeGreaterThan(45);
    else if (kind !== 'CIRCULAR_NOTICE') expect(top).toBeLessThan(37 + 10.2);
  });

  it('draws the referral letter’s red issuing-body name and double rule in the header', async () => {
    const image = await new Promise<Buffer>((resolve, reject) => {
      const child = execFile(
        'pdftoppm',
        ['-f', '1', '-l', '1', '-r', '72', '-png', '-singlefile', '-'],
        { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      );
      child.stdin!.end(pdfs.get('REFERRAL_LETTER'));
    });
    const { data, width, height } = pngjs.PNG.sync.read(image);
    expect(width).toBeCloseTo(595, -1);
    expect(height).toBeCloseTo(842, -1);
    const px = (mm: number) => Math.round(mm * MM);
    const redInRow = (y: number) => {
      let red = 0;
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (data[i] > 180 && data[i + 1] < 100 && data[i + 2] < 100) red++;
      }
      return red;
    };
    const header = Array.from({ length: px(70) }, (_, y) => redInRow(y));
    // 信函格式: the name's top 30 mm below the page's top edge (±1 mm of glyph ink), red over many
    // rows; then the double rule, red rows as wide as 170 mm, about 4 mm under the name.
    const firstRed = header.findIndex((n) => n > 0);
    expect(firstRed / MM).toBeGreaterThan(29);
    expect(firstRed / MM).toBeLessThan(31);
    expect(header.filter((n) => n > 0 && n < px(100)).length).toBeGreaterThan(px(6));
    const rule = header.findIndex((n) => n > px(165));
    const nameBottom = header.slice(0, rule).findLastIndex((n) => n > 0 && n < px(100));
    expect((rule - nameBottom) / MM).toBeGreaterThan(3);
    expect((rule - nameBottom) / MM).toBeLessThan(6);
    expect(Math.max(...header)).toBeLessThan(px(172));
    // And the body below is printed (dark pixels), not blank.
    let dark = 0;
    for (let y = px(80); y < px(150); y++)
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (data[i] < 100 && data[i + 1] < 100 && data[i + 2] < 100) dark++;
      }
    expect(dark).toBeGreaterThan(1000);
  });

  it('fails clearly on input that is not a Word document, and converts the next one', async () => {
    const notZip = await converter
      .convert(Buffer.from('plain text, not a document'))
      .catch((e: unknown) => e);
    expect(notZip).toBeInstanceOf(PdfConversionError);
    expect(notZip).toMatchObject({
      reason: 'invalid-input',
      message: 'Not a Word document: a .docx file is a ZIP archive',
    });
    // A damaged archive reaches LibreOffice, which refuses it.
    const damaged = await converter
      .convert((await docx('REFERRAL_LETTER')).subarray(0, 3000))
      .catch((e: unknown) => e);
    expect(damaged).toBeInstanceOf(PdfConversionError);
    expect(damaged).toMatchObject({
      reason: 'invalid-input',
      message: expect.stringContaining('LibreOffice could not convert the document'),
    });
    const pdf = await converter.convert(await docx('SUPERVISION_LETTER'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);

  it('restarts LibreOffice when it dies and converts again', async () => {
    const started = [...logs].reverse().find((m) => m.startsWith('LibreOffice started'))!;
    const pid = Number(/pid (\d+)/.exec(started)![1]);
    process.kill(-pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const pdf = await converter.convert(await docx('CIRCULAR_NOTICE'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(logs.filter((m) => m.startsWith('LibreOffice started'))).toHaveLength(2);
    expect(logs).toContainEqual(expect.stringMatching(new RegExp(`LibreOffice \\(pid ${pid}\\) ended`)));
  }, 120_000);

  it('stops a conversion that takes too long with a timeout error', async () => {
    const said: string[] = [];
    const impatient = new PdfConverter({ timeoutMs: 1, log: (m) => said.push(m) });
    try {
      const error = await impatient.convert(await docx('REFERRAL_LETTER')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PdfConversionError);
      expect(error).toMatchObject({
        reason: 'timeout',
        message: expect.stringMatching(/did not finish the conversion within 0\.001 s: it was stopped/),
      });
      expect(said).toContainEqual(expect.stringMatching(/^LibreOffice \(pid \d+\) ended/));
    } finally {
      await impatient.close();
    }
    await expect(impatient.convert(await docx('REFERRAL_LETTER'))).rejects.toMatchObject({
      reason: 'closed',
    });
  }, 120_000);
});

async function docx(kind: DocxKind): Promise<Buffer> {
  return renderDocx(kind, await readDefaultTemplate(kind), sampleData(kind));
}
