// npm run -w @qifu/documents bench [-- KIND [milliseconds]]: documents rendered per second, one core.
import { benchRender } from '../bench/bench-render.js';
import { DOCX_KINDS, isDocxKind } from '../kinds.js';

const [kindArg = 'REFERRAL_LETTER', msArg = '5000'] = process.argv.slice(2);
const kinds = kindArg === 'all' ? [...DOCX_KINDS] : isDocxKind(kindArg) ? [kindArg] : null;
if (!kinds) {
  console.error(`unknown kind ${kindArg}: one of ${DOCX_KINDS.join(', ')} or all`);
  process.exit(2);
}
for (const kind of kinds) {
  const r = await benchRender(kind, Number(msArg));
  console.log(
    `${kind}: ${r.documentsPerSecond.toFixed(1)} documents/s (${r.documents} in ${r.seconds.toFixed(2)} s, ` +
      `${(1000 / r.documentsPerSecond).toFixed(2)} ms each, ${r.bytesPerDocument} bytes), node ${process.version}`,
  );
}
