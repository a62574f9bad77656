// npm run -w @qifu/documents templates: writes the default templates to libs/documents/templates/.
import { mkdir, writeFile } from 'node:fs/promises';
import { DOCX_KINDS } from '../kinds.js';
import {
  DEFAULT_TEMPLATES_DIR,
  buildDefaultTemplate,
  defaultTemplatePath,
} from '../templates/default-templates.js';

await mkdir(DEFAULT_TEMPLATES_DIR, { recursive: true });
for (const kind of DOCX_KINDS) {
  const buffer = await buildDefaultTemplate(kind);
  await writeFile(defaultTemplatePath(kind), buffer);
  console.log(`${kind.padEnd(28)} ${String(buffer.length).padStart(7)} bytes  ${defaultTemplatePath(kind)}`);
}
