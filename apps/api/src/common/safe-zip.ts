import { fileTypeFromBuffer } from 'file-type';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { badInput } from './errors.js';

/** What an archive may hold before anything reads it (ZIP_* in the configuration). */
export interface ZipLimits {
  maxEntries: number;
  /** Sum of every entry's inflated size. */
  maxInflatedBytes: number;
  /** Inflated / compressed size of one entry. */
  maxEntryRatio: number;
  /** Inflated size of all entries / size of the archive. */
  maxTotalRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxInflatedBytes: 32 * 1024 * 1024,
  maxEntryRatio: 100,
  maxTotalRatio: 100,
};

/** Ratios are judged past this much inflated content: tiny entries of repeated bytes are normal. */
const RATIO_GRACE_BYTES = 1024 * 1024;
/** Enough of an entry's start for file-type to recognise an archive in it. */
const HEAD_BYTES = 4100;
/** Kinds of file-type that are archives (or packages of other files): refused inside an archive. */
const ARCHIVES = new Set([
  '7z', 'apk', 'ar', 'arj', 'bz2', 'cab', 'cpio', 'deb', 'docx', 'epub', 'gz', 'jar', 'lz', 'lz4', 'lzh',
  'odp', 'ods', 'odt', 'pptx', 'rar', 'rpm', 'tar', 'xlsx', 'xpi', 'xz', 'Z', 'zip', 'zst',
]); // prettier-ignore

/** Why an archive is refused, in both languages; the caller names the field it came from. */
export class UnsafeArchive extends Error {
  constructor(
    readonly messageZh: string,
    readonly messageEn: string,
  ) {
    super(messageEn);
    this.name = 'UnsafeArchive';
  }

  /** `文件… / …`: the wording every answer about an archive uses. */
  get bilingual(): string {
    return `${this.messageZh} / ${this.messageEn}`;
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const refusals = {
  notZip: (reason: string) => new UnsafeArchive('不是有效的压缩文件', `not a valid ZIP archive (${reason})`),
  entries: (max: number) =>
    new UnsafeArchive(`压缩包内文件超过 ${max} 个`, `more than ${max} entries in the archive`),
  duplicate: (name: string) =>
    new UnsafeArchive(`压缩包内有重名文件 ${name}`, `the entry ${name} appears twice in the archive`),
  inflated: (max: number) => new UnsafeArchive(`解压后超过 ${mb(max)}`, `inflates to more than ${mb(max)}`),
  entryRatio: (name: string, max: number) =>
    new UnsafeArchive(
      `${name} 解压后超过压缩前的 ${max} 倍`,
      `${name} inflates to more than ${max} times its compressed size`,
    ),
  totalRatio: (max: number) =>
    new UnsafeArchive(
      `解压后超过文件大小的 ${max} 倍`,
      `inflates to more than ${max} times the size of the file`,
    ),
  nested: (name: string) =>
    new UnsafeArchive(`压缩包内嵌套了压缩包 ${name}`, `the entry ${name} is a nested archive`),
  unreadable: (name: string) =>
    new UnsafeArchive(
      `${name} 已加密或使用了不支持的压缩方式`,
      `the entry ${name} is encrypted or compressed in an unsupported way`,
    ),
  lying: (name: string) =>
    new UnsafeArchive(
      `${name} 的实际大小与声明不符`,
      `the entry ${name} does not inflate to the size it declares`,
    ),
};

function openZip(source: Buffer | { path: string }): Promise<yauzl.ZipFile> {
  // validateEntrySizes: an entry that inflates past the size it declares fails its stream.
  const options = { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, autoClose: true };
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zip?: yauzl.ZipFile) =>
      error || !zip ? reject(refusals.notZip(error?.message ?? 'unreadable')) : resolve(zip);
    if (Buffer.isBuffer(source)) yauzl.fromBuffer(source, options, done);
    else yauzl.open(source.path, options, done);
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => {
      if (!error) resolve(stream);
      else if (/encrypt|compression method/i.test(error.message)) reject(refusals.unreadable(entry.fileName));
      else reject(refusals.notZip(error.message));
    }),
  );
}

/**
 * Inflates one entry chunk by chunk into nothing, counting: memory stays at one chunk whatever
 * the entry declares. `inflatedSoFar` is what the earlier entries inflated to.
 */
async function drainEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  limits: ZipLimits,
  inflatedSoFar: number,
): Promise<number> {
  const stream = await openEntry(zip, entry);
  const head: Buffer[] = [];
  let headLength = 0;
  let inflated = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflatedSoFar + inflated > limits.maxInflatedBytes)
        throw refusals.inflated(limits.maxInflatedBytes);
      if (
        inflated > RATIO_GRACE_BYTES &&
        inflated / Math.max(entry.compressedSize, 1) > limits.maxEntryRatio
      ) {
        throw refusals.entryRatio(entry.fileName, limits.maxEntryRatio);
      }
      if (headLength < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headLength));
        headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
      }
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof UnsafeArchive) throw error;
    // yauzl: more or fewer bytes than declared, or a broken deflate stream.
    throw refusals.lying(entry.fileName);
  }
  const kind = headLength > 0 ? await fileTypeFromBuffer(Buffer.concat(head)) : undefined;
  if (kind && ARCHIVES.has(kind.ext)) throw refusals.nested(entry.fileName);
  return inflated;
}

/**
 * Checks a ZIP archive (.xlsx, .docx…) entry by entry before any parser opens it: how many
 * entries, what they declare, then what each really inflates to, streamed and discarded, with
 * archives nested inside refused. Throws UnsafeArchive; resolves when the archive is within limits.
 */
export async function checkZip(source: Buffer | { path: string }, limits: ZipLimits): Promise<void> {
  const zip = await openZip(source);
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw refusals.entries(limits.maxEntries);
  }
  const archiveBytes = zip.fileSize;
  const names = new Set<string>();
  let declared = 0;
  let inflated = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) => reject(refusals.notZip(error.message)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const step = async () => {
          // Two parsers could pick different entries of the same name.
          if (names.has(entry.fileName)) throw refusals.duplicate(entry.fileName);
          names.add(entry.fileName);
          if (entry.fileName.endsWith('/')) return;
          if (!entry.canDecodeFileData()) throw refusals.unreadable(entry.fileName);
          // First what the directory declares: a bomb is refused without inflating a byte of it.
          declared += entry.uncompressedSize;
          if (declared > limits.maxInflatedBytes) throw refusals.inflated(limits.maxInflatedBytes);
          if (
            entry.uncompressedSize > RATIO_GRACE_BYTES &&
            entry.uncompressedSize / Math.max(entry.compressedSize, 1) > limits.maxEntryRatio
          ) {
            throw refusals.entryRatio(entry.fileName, limits.maxEntryRatio);
          }
          inflated += await drainEntry(zip, entry, limits, inflated);
        };
        step().then(
          () => zip.readEntry(),
          (error: unknown) => reject(error),
        );
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  if (inflated > RATIO_GRACE_BYTES && inflated / Math.max(archiveBytes, 1) > limits.maxTotalRatio) {
    throw refusals.totalRatio(limits.maxTotalRatio);
  }
}

/** checkZip, with a refusal as BAD_USER_INPUT on `field` (the GraphQL argument or form field). */
export async function assertSafeZip(
  source: Buffer | { path: string },
  field: string,
  limits: ZipLimits,
): Promise<void> {
  try {
    await checkZip(source, limits);
  } catch (error) {
    if (error instanceof UnsafeArchive) throw badInput([{ path: field, message: error.bilingual }]);
    throw error;
  }
}

/** The limits the configuration sets. */
export function zipLimitsOf(config: {
  ZIP_MAX_ENTRIES: number;
  ZIP_MAX_INFLATED_BYTES: number;
  ZIP_MAX_ENTRY_RATIO: number;
  ZIP_MAX_TOTAL_RATIO: number;
}): ZipLimits {
  return {
    maxEntries: config.ZIP_MAX_ENTRIES,
    maxInflatedBytes: config.ZIP_MAX_INFLATED_BYTES,
    maxEntryRatio: config.ZIP_MAX_ENTRY_RATIO,
    maxTotalRatio: config.ZIP_MAX_TOTAL_RATIO,
  };
}
