import { sampleData } from '../catalogue/placeholder-catalogue.js';
import type { DocxKind } from '../kinds.js';
import { renderDocx } from '../render/render-docx.js';
import { readDefaultTemplate } from '../templates/default-templates.js';

export interface RenderBenchResult {
  kind: DocxKind;
  documents: number;
  seconds: number;
  documentsPerSecond: number;
  bytesPerDocument: number;
}

/**
 * Renders one kind's default template with its sample data, back to back on the calling thread
 * (one core), for about `durationMs` after a short warm-up.
 */
export async function benchRender(
  kind: DocxKind = 'REFERRAL_LETTER',
  durationMs = 3000,
): Promise<RenderBenchResult> {
  const template = await readDefaultTemplate(kind);
  const data = sampleData(kind);
  let bytes = 0;
  for (let i = 0; i < 20; i++) bytes = renderDocx(kind, template, data).length;
  let documents = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(durationMs) * 1_000_000n;
  let now = start;
  while (now < end) {
    renderDocx(kind, template, data);
    documents++;
    now = process.hrtime.bigint();
  }
  const seconds = Number(now - start) / 1e9;
  return { kind, documents, seconds, documentsPerSecond: documents / seconds, bytesPerDocument: bytes };
}
