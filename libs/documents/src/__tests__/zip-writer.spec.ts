import PizZip from 'pizzip';
import { writeZip } from '../render/zip-writer.js';

describe('zip writer', () => {
  it('writes an archive that opens with every entry intact, Chinese names included', () => {
    const text = '<w:t>企业困难问题〔2026〕第12号 王犇 李垚</w:t>'.repeat(200);
    const bytes = writeZip(
      [
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'word/document.xml', data: Buffer.from(text) },
        { name: 'word/附页.txt', data: Buffer.from('可另附页') },
        { name: 'empty', data: new Uint8Array() },
      ],
      1,
    );
    const zip = new PizZip(bytes);
    expect(Object.keys(zip.files)).toEqual([
      '[Content_Types].xml',
      'word/document.xml',
      'word/附页.txt',
      'empty',
    ]);
    expect(zip.file('word/document.xml')!.asText()).toBe(text);
    expect(zip.file('word/附页.txt')!.asText()).toBe('可另附页');
    expect(zip.file('empty')!.asText()).toBe('');
    // Deflated where it pays: the repetitive text shrinks to a fraction.
    expect(bytes.length).toBeLessThan(text.length / 10);
  });

  it('gives the same bytes for the same entries', () => {
    const entries = [{ name: 'a.xml', data: Buffer.from('<a/>'.repeat(50)) }];
    expect(writeZip(entries).equals(writeZip(entries))).toBe(true);
  });
});
