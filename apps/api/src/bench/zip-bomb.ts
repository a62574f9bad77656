import { constants, crc32, deflateRawSync } from 'node:zlib';
import { assembleZip } from '@qifu/documents';
import PizZip from 'pizzip';

/** A piece of an entry's content, `times` over (default once). */
export interface ZipPart {
  data: Buffer;
  times?: number;
}

export interface CraftedEntry {
  name: string;
  parts: ZipPart[];
  /** Kept as is instead of deflated (e.g. a nested archive). */
  stored?: boolean;
  /** The uncompressed size the headers declare, when it should lie. */
  declaredSize?: number;
  /** Marked as encrypted (the bytes are not). */
  encrypted?: boolean;
}

/**
 * Archives that attack their reader (tests and the uploads bench). A ZIP archive whose entries may
 * inflate far beyond their size, built without holding the
 * inflated content: each distinct part is deflated once up to a full flush (byte-aligned and
 * independent of what came before), and repeated parts repeat its bytes.
 */
export function craftZip(entries: readonly CraftedEntry[]): Buffer {
  return assembleZip(
    entries.map((entry) => {
      const bodies: Buffer[] = [];
      let crc = 0;
      let size = 0;
      for (const part of entry.parts) {
        const times = part.times ?? 1;
        const body = entry.stored
          ? part.data
          : deflateRawSync(part.data, { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
        for (let i = 0; i < times; i++) {
          bodies.push(body);
          crc = crc32(part.data, crc);
        }
        size += part.data.length * times;
      }
      if (!entry.stored) bodies.push(deflateRawSync(Buffer.alloc(0)));
      return {
        name: entry.name,
        body: Buffer.concat(bodies),
        method: entry.stored ? 0 : 8,
        crc,
        size: entry.declaredSize ?? size,
        flags: entry.encrypted ? 0x1 : 0,
      };
    }),
  );
}

/** Every entry of a real archive (an .xlsx, a .docx), for craftZip, with `replace` swapped in. */
export function entriesOf(archive: Uint8Array, replace: Record<string, ZipPart[]> = {}): CraftedEntry[] {
  const zip = new PizZip(archive);
  return Object.values(zip.files)
    .filter((file) => !file.dir)
    .map((file) => ({
      name: file.name,
      parts: replace[file.name] ?? [{ data: Buffer.from(file.asUint8Array()) }],
    }));
}

const MEGABYTE = 1024 * 1024;

/**
 * The finding's workbook: a real .xlsx whose first sheet is `megabytes` MB of XML whitespace,
 * about 1,000 times smaller deflated (200 MB in a file of about 200 KB).
 */
export function workbookBomb(workbook: Uint8Array, megabytes = 200): Buffer {
  const sheet = Buffer.from(new PizZip(workbook).file('xl/worksheets/sheet1.xml')!.asText());
  const cut = sheet.indexOf('<sheetData');
  return craftZip(
    entriesOf(workbook, {
      'xl/worksheets/sheet1.xml': [
        { data: sheet.subarray(0, cut) },
        { data: Buffer.alloc(MEGABYTE, 0x20), times: megabytes },
        { data: sheet.subarray(cut) },
      ],
    }),
  );
}
