import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** C0 controls but tab, LF and CR; DEL; C1 controls: terminal escapes and binary junk land here. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

async function firstBytes(filePath: string, count: number): Promise<Buffer> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Decodes the whole file as `encoding`, chunk by chunk: false at the first invalid byte or control character. */
async function decodesCleanly(filePath: string, encoding: TextEncoding): Promise<boolean> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  try {
    for await (const chunk of createReadStream(filePath) as AsyncIterable<Buffer>) {
      if (hasControl(decoder.decode(chunk, { stream: true }))) return false;
    }
    return !hasControl(decoder.decode());
  } catch {
    return false;
  }
}

/**
 * The encoding a text file decodes in, or null when it is not text: UTF-8 (with or without a byte
 * order mark), else GB18030 (what Notepad saves as "ANSI" on a Chinese Windows, GBK included), or
 * UTF-16 when it starts with its byte order mark. Text has no signature: decoding is the check.
 */
export async function textEncodingOf(filePath: string): Promise<TextEncoding | null> {
  const head = await firstBytes(filePath, 2);
  const candidates: TextEncoding[] =
    head[0] === 0xff && head[1] === 0xfe
      ? ['utf-16le']
      : head[0] === 0xfe && head[1] === 0xff
        ? ['utf-16be']
        : ['utf-8', 'gb18030'];
  for (const encoding of candidates) {
    if (await decodesCleanly(filePath, encoding)) return encoding;
  }
  return null;
}

/** A PDF ends with its trailer: `%%EOF` within the last kilobyte (where readers look for it). */
export async function hasPdfTrailer(filePath: string, size: number): Promise<boolean> {
  const handle = await open(filePath, 'r');
  try {
    const length = Math.min(size, 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.includes('%%EOF');
  } finally {
    await handle.close();
  }
}
