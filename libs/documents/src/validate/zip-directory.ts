/**
 * Reads a ZIP archive's central directory without inflating anything: the names say whether it is
 * a .docx at all, and what it may not use (encryption, ZIP64, other methods). Sizes and ratios are
 * checked before, by whoever received the file (the API's safe-zip).
 */

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {
  constructor(
    message: string,
    /** Valid ZIP features this reader refuses (ZIP64, several disks, encryption, other methods). */
    readonly unsupported = false,
  ) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATED = 8;

function findEndOfCentralDirectory(buffer: Buffer): number {
  const lowest = Math.max(0, buffer.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = buffer.length - EOCD_SIZE; at >= lowest; at--) {
    if (buffer.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  throw new ZipFormatError('no end of central directory record: not a ZIP archive');
}

export function readZipDirectory(data: Uint8Array): ZipEntry[] {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buffer.length < EOCD_SIZE) throw new ZipFormatError('too short to be a ZIP archive');
  const eocd = findEndOfCentralDirectory(buffer);
  const disk = buffer.readUInt16LE(eocd + 4);
  const directoryDisk = buffer.readUInt16LE(eocd + 6);
  const count = buffer.readUInt16LE(eocd + 10);
  const directorySize = buffer.readUInt32LE(eocd + 12);
  const directoryOffset = buffer.readUInt32LE(eocd + 16);
  if (disk !== 0 || directoryDisk !== 0) throw new ZipFormatError('archives split over several disks', true);
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    throw new ZipFormatError('ZIP64 archives', true);
  }
  if (directoryOffset + directorySize > eocd)
    throw new ZipFormatError('central directory outside the archive');

  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || buffer.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      throw new ZipFormatError('damaged central directory');
    }
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    if (at + 46 + nameLength > eocd) throw new ZipFormatError('damaged central directory');
    entries.push({
      flags: buffer.readUInt16LE(at + 8),
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      uncompressedSize: buffer.readUInt32LE(at + 24),
      localHeaderOffset: buffer.readUInt32LE(at + 42),
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  for (const entry of entries) {
    if (entry.flags & 0x1) throw new ZipFormatError(`encrypted entries (${entry.name})`, true);
    if (entry.method !== STORED && entry.method !== DEFLATED) {
      throw new ZipFormatError(`compression method ${entry.method} (${entry.name})`, true);
    }
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) {
      throw new ZipFormatError(`ZIP64 entries (${entry.name})`, true);
    }
  }
  return entries;
}
