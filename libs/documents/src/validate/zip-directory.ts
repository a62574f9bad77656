import { inflateRawSync } from 'node:zlib';

/**
 * Reads a ZIP archive's central directory without inflating anything, so that a zip bomb is
 * refused from the sizes it declares; then checks, entry by entry and with the output capped at the
 * declared size, that no entry inflates to more than it declares.
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
const LOCAL_SIGNATURE = 0x04034b50;
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

export interface ZipLimits {
  /** Sum of the declared uncompressed sizes. */
  maxUncompressedBytes: number;
  maxEntries: number;
  /** Largest uncompressed / compressed ratio, for entries bigger than ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export interface ZipBombFinding {
  message: string;
  messageZh: string;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** What the directory alone says is too big. */
export function zipBombFindings(entries: ZipEntry[], limits: ZipLimits): ZipBombFinding[] {
  const findings: ZipBombFinding[] = [];
  if (entries.length > limits.maxEntries) {
    findings.push({
      message: `${entries.length} entries in the archive (at most ${limits.maxEntries})`,
      messageZh: `压缩包内有 ${entries.length} 个文件（上限 ${limits.maxEntries} 个）`,
    });
  }
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > limits.maxUncompressedBytes) {
    findings.push({
      message: `${mb(total)} once uncompressed (at most ${mb(limits.maxUncompressedBytes)})`,
      messageZh: `解压后共 ${mb(total)}（上限 ${mb(limits.maxUncompressedBytes)}）`,
    });
  }
  for (const entry of entries) {
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
      findings.push({
        message: `${entry.name} compresses ${Math.round(ratio)} to 1 (at most ${limits.maxRatio} to 1)`,
        messageZh: `${entry.name} 的压缩比为 ${Math.round(ratio)}:1（上限 ${limits.maxRatio}:1）`,
      });
    }
  }
  return findings;
}

/**
 * Inflates each entry with its output capped at the size the directory declares: an entry that
 * lies about its size is refused before it can fill memory. Returns the entries whose content does
 * not match the declared size.
 */
export function entriesExceedingDeclaredSize(data: Uint8Array, entries: ZipEntry[]): string[] {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const liars: string[] = [];
  for (const entry of entries) {
    const at = entry.localHeaderOffset;
    if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL_SIGNATURE) {
      throw new ZipFormatError(`damaged local header (${entry.name})`);
    }
    const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
    const end = start + entry.compressedSize;
    if (end > buffer.length) throw new ZipFormatError(`entry outside the archive (${entry.name})`);
    const compressed = buffer.subarray(start, end);
    if (entry.method === STORED) {
      if (entry.compressedSize !== entry.uncompressedSize) liars.push(entry.name);
      continue;
    }
    try {
      const inflated = inflateRawSync(compressed, { maxOutputLength: Math.max(entry.uncompressedSize, 1) });
      if (inflated.length !== entry.uncompressedSize) liars.push(entry.name);
    } catch (error) {
      // By code, not instanceof RangeError: the error may come from another realm (vm contexts).
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') liars.push(entry.name);
      else throw new ZipFormatError(`damaged data (${entry.name})`);
    }
  }
  return liars;
}
