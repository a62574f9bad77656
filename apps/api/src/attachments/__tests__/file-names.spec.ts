import { describe, expect, it } from '@jest/globals';
import { attachmentDisposition } from '../content-disposition.js';
import { cleanFileName, typeByName } from '../file-types.js';

describe('attachment file names', () => {
  it('names a Chinese file for download in UTF-8 (RFC 5987) with an ASCII fallback', () => {
    const header = attachmentDisposition('企业用电申请(第2页).pdf');
    expect(header).toBe(
      `attachment; filename="______(_2_).pdf"; filename*=UTF-8''` +
        '%E4%BC%81%E4%B8%9A%E7%94%A8%E7%94%B5%E7%94%B3%E8%AF%B7%28%E7%AC%AC2%E9%A1%B5%29.pdf',
    );
    expect(decodeURIComponent(attachmentDisposition('企业用电申请.pdf').split("UTF-8''")[1])).toBe(
      '企业用电申请.pdf',
    );
    expect(attachmentDisposition('a "b"\\c.txt')).toBe(
      `attachment; filename="a _b__c.txt"; filename*=UTF-8''a%20%22b%22%5Cc.txt`,
    );
  });

  it('keeps only the name, without folders or control characters, at most 255 characters', () => {
    expect(cleanFileName('C:\\fakepath\\登记表附页.docx')).toBe('登记表附页.docx');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName(' 附件\u0000\u0007.pdf ')).toBe('附件.pdf');
    const long = cleanFileName(`${'长'.repeat(300)}.xlsx`);
    expect([...long]).toHaveLength(255);
    expect(long.endsWith('.xlsx')).toBe(true);
  });

  it('accepts the form’s kinds of files by extension, in any case', () => {
    expect(typeByName('附页.PDF')?.contentType).toBe('application/pdf');
    expect(typeByName('照片.JPeg')?.contentType).toBe('image/jpeg');
    expect(typeByName('说明.wps')?.contentType).toBe('application/wps-office.wps');
    expect(typeByName('setup.exe')).toBeNull();
    expect(typeByName('pdf')).toBeNull();
    expect(typeByName('archive.pdf.zip')).toBeNull();
  });
});
