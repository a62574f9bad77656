import { randomBytes } from 'node:crypto';
import PizZip from 'pizzip';
import { DOCX_KINDS } from '../kinds.js';
import { readDefaultTemplate } from '../templates/default-templates.js';
import { DEFAULT_TEMPLATE_LIMITS, validateTemplate } from '../validate/validate-template.js';
import { editDocument } from './docx-test-utils.js';

const referral = (): Promise<Buffer> => readDefaultTemplate('REFERRAL_LETTER');

/** The referral letter's default template with its closing line replaced. */
async function referralWith(closing: string): Promise<Buffer> {
  return editDocument(await referral(), (xml) => xml.replace('{closing}', closing));
}

/** A minimal archive that looks like a .docx, plus the given entries. */
function docxLike(extra: Record<string, string | Uint8Array>): Buffer {
  const zip = new PizZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('word/document.xml', '<w:document/>');
  for (const [name, content] of Object.entries(extra)) zip.file(name, content);
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('validateTemplate', () => {
  it.each(DOCX_KINDS)('%s: accepts the default template', async (kind) => {
    const result = validateTemplate(kind, await readDefaultTemplate(kind));
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('lists the placeholders a template uses, loop fields under their loop', async () => {
    const { placeholders } = validateTemplate('REFERRAL_LETTER', await referral());
    expect(placeholders).toEqual(
      expect.arrayContaining(['letterNo', 'issues', 'issues.registrationNo', 'majorCcOffices']),
    );
  });

  it('lists every unknown placeholder by name, once', async () => {
    const result = validateTemplate(
      'REFERRAL_LETTER',
      await referralWith('{closing}{companyLogo}{ceoName}{ceoName}'),
    );
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_PLACEHOLDER', tag: 'companyLogo', file: 'word/document.xml' }),
      expect.objectContaining({ code: 'UNKNOWN_PLACEHOLDER', tag: 'ceoName' }),
    ]);
    expect(result.problems[0].messageZh).toBe('未知的占位符 {companyLogo}');
    expect(result.problems[0].suggestion).toBeUndefined();
  });

  it('names a misspelt placeholder and the one probably meant', async () => {
    const result = validateTemplate('REFERRAL_LETTER', await referralWith('{enterpriseNmae}'));
    expect(result.problems).toEqual([
      {
        code: 'UNKNOWN_PLACEHOLDER',
        tag: 'enterpriseNmae',
        file: 'word/document.xml',
        suggestion: 'enterpriseName',
        message: 'Unknown placeholder {enterpriseNmae}; did you mean {enterpriseName}?',
        messageZh: '未知的占位符 {enterpriseNmae}，是否应为 {enterpriseName}？',
      },
    ]);
  });

  it('checks the placeholders of a letter masthead in the first page header too', async () => {
    const zip = new PizZip(await readDefaultTemplate('REFERRAL_LETTER'));
    const header = Object.keys(zip.files).find(
      (name) => /^word\/header\d+\.xml$/.test(name) && zip.file(name)!.asText().includes('{issuingBodyName}'),
    )!;
    zip.file(header, zip.file(header)!.asText().replace('{issuingBodyName}', '{issuingBodyNam}'));
    const result = validateTemplate('REFERRAL_LETTER', zip.generate({ type: 'nodebuffer' }));
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_PLACEHOLDER',
        tag: 'issuingBodyNam',
        file: header,
        suggestion: 'issuingBodyName',
      }),
    ]);
  });

  it('knows loop fields inside their loop only', async () => {
    const inside = validateTemplate(
      'REFERRAL_LETTER',
      await referralWith('{#issues}{contact}{letterNo}{/issues}'),
    );
    expect(inside.problems).toEqual([]);
    const outside = validateTemplate('REFERRAL_LETTER', await referralWith('{contact}'));
    expect(outside.problems).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_PLACEHOLDER', tag: 'contact' }),
    ]);
    const misspelt = validateTemplate('REFERRAL_LETTER', await referralWith('{#issues}{contcat}{/issues}'));
    expect(misspelt.problems).toEqual([
      expect.objectContaining({
        tag: 'contcat',
        suggestion: 'contact',
        message: 'Unknown placeholder {contcat} inside {#issues}; did you mean {contact}?',
      }),
    ]);
  });

  it('refuses a list or a condition printed as text', async () => {
    const result = validateTemplate('REFERRAL_LETTER', await referralWith('{issues}{major}'));
    expect(result.problems.map((p) => [p.code, p.tag])).toEqual([
      ['WRONG_PLACEHOLDER_KIND', 'issues'],
      ['WRONG_PLACEHOLDER_KIND', 'major'],
    ]);
    expect(result.problems[0].messageZh).toBe('{issues} 是列表，应写作 {#issues}…{/issues}');
  });

  it('accepts a text field used as an "if present" section and inverted sections', async () => {
    const result = validateTemplate(
      'REFERRAL_LETTER',
      await referralWith('{#replyDueOn}请于{replyDueOn}前函复。{/replyDueOn}{^major}一般事项{/major}'),
    );
    expect(result.problems).toEqual([]);
  });

  it('reports an unclosed loop with its error id and tag name', async () => {
    const result = validateTemplate('REFERRAL_LETTER', await referralWith('{#issues}{no}'));
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'TEMPLATE_SYNTAX',
        errorId: 'unclosed_loop',
        tag: 'issues',
        file: 'word/document.xml',
        messageZh: '{#issues} 没有对应的结束标签 {/issues}',
      }),
    ]);
  });

  it('reports every syntax error at once, and the unknown names beside them', async () => {
    const result = validateTemplate(
      'REFERRAL_LETTER',
      await referralWith('{closing} {letterNo {/major} {#issues}{/cases}{enterprizeName}'),
    );
    expect(result.problems.map((p) => [p.code, p.errorId, p.tag])).toEqual([
      ['TEMPLATE_SYNTAX', 'unclosed_tag', 'letterNo'],
      ['TEMPLATE_SYNTAX', 'unopened_loop', 'major'],
      ['TEMPLATE_SYNTAX', 'unopened_loop', 'cases'],
      ['TEMPLATE_SYNTAX', 'unclosed_loop', 'issues'],
      ['UNKNOWN_PLACEHOLDER', undefined, 'cases'],
      ['UNKNOWN_PLACEHOLDER', undefined, 'enterprizeName'],
    ]);
  });

  it('reports a section closed by another name', async () => {
    const template = editDocument(await readDefaultTemplate('SUPERVISION_LETTER'), (xml) =>
      xml.replace('{closing}', '{#enterpriseName}x{/enterpriseNam}'),
    );
    const result = validateTemplate('SUPERVISION_LETTER', template);
    expect(result.problems).toEqual([
      expect.objectContaining({
        errorId: 'closing_tag_does_not_match_opening_tag',
        tag: 'enterpriseName',
        messageZh: '{#enterpriseName} 被 {/enterpriseNam} 关闭，开始和结束标签应同名',
      }),
      expect.objectContaining({
        code: 'UNKNOWN_PLACEHOLDER',
        tag: 'enterpriseNam',
        suggestion: 'enterpriseName',
      }),
    ]);
  });

  it('refuses raw XML tags', async () => {
    const inline = validateTemplate('REFERRAL_LETTER', await referralWith('{closing}{@body}'));
    expect(inline.problems).toEqual([expect.objectContaining({ code: 'RAW_XML_TAG', tag: 'body' })]);
    const alone = validateTemplate('REFERRAL_LETTER', await referralWith('{@body}'));
    expect(alone.problems).toEqual([expect.objectContaining({ code: 'RAW_XML_TAG', tag: 'body' })]);
  });

  it('refuses a file that is not a zip archive', () => {
    const result = validateTemplate('REFERRAL_LETTER', Buffer.from('%PDF-1.7 this is not a Word document'));
    expect(result).toEqual({
      valid: false,
      placeholders: [],
      problems: [expect.objectContaining({ code: 'NOT_A_ZIP' })],
    });
  });

  it('refuses a zip archive that is not a .docx', () => {
    const zip = new PizZip();
    zip.file('readme.txt', 'hello');
    const result = validateTemplate('REFERRAL_LETTER', zip.generate({ type: 'nodebuffer' }));
    expect(result.problems).toEqual([expect.objectContaining({ code: 'NOT_A_DOCX' })]);
  });

  it('refuses a document with macros', () => {
    const result = validateTemplate(
      'REFERRAL_LETTER',
      docxLike({ 'word/vbaProject.bin': 'Attribute VB_Name' }),
    );
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'NOT_A_DOCX', messageZh: '不接受含宏的文档，请另存为 .docx 格式' }),
    ]);
  });

  it('refuses a file above the size limit before opening it', async () => {
    const big = Buffer.concat([await referral(), randomBytes(DEFAULT_TEMPLATE_LIMITS.maxBytes)]);
    const result = validateTemplate('REFERRAL_LETTER', big);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'FILE_TOO_LARGE' })]);
    expect(result.problems[0].message).toMatch(/at most 5\.0 MB/);
  });

  it('refuses an encrypted entry as an unsupported archive', () => {
    const archive = docxLike({});
    const central = archive.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    archive.writeUInt16LE(archive.readUInt16LE(central + 8) | 1, central + 8);
    expect(validateTemplate('REFERRAL_LETTER', archive).problems).toEqual([
      expect.objectContaining({ code: 'UNSUPPORTED_ZIP' }),
    ]);
  });

  it('never throws, whatever the bytes', async () => {
    const template = await referral();
    const inputs: unknown[] = [
      Buffer.alloc(0),
      randomBytes(100),
      template.subarray(0, template.length - 30),
      template.subarray(0, 2000),
      Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(3000)]),
      null,
      'a string',
    ];
    for (let i = 0; i < 20; i++) {
      const damaged = Buffer.from(template);
      for (let j = 0; j < 20; j++)
        damaged[Math.floor(Math.random() * damaged.length)] = Math.floor(Math.random() * 256);
      inputs.push(damaged);
    }
    for (const input of inputs) {
      const result = validateTemplate('REFERRAL_LETTER', input as Uint8Array);
      if (result.valid) continue; // a byte flipped in an unused part may leave the template valid
      expect(result.problems.length).toBeGreaterThan(0);
      for (const problem of result.problems) {
        expect(problem.message).toEqual(expect.any(String));
        expect(problem.messageZh).toEqual(expect.any(String));
      }
    }
  });
});
