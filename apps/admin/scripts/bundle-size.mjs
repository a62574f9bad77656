#!/usr/bin/env node
// Prints the gzip size of the JavaScript a browser loads for /login: the entry chunk from
// index.html, the login route chunk, and every chunk they import statically. Run after `vite build`.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
const LOGIN_SOURCE = 'src/views/login/login-view.vue';
const BUDGET_KB = 300;

if (!existsSync(manifestPath)) {
  console.error(`No ${manifestPath}: run \`npx vite build\` first.`);
  process.exit(1);
}

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

function collect(key, seen) {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return;
  seen.add(key);
  for (const imported of chunk.imports ?? []) collect(imported, seen);
}

const keys = new Set();
collect('index.html', keys);
collect(LOGIN_SOURCE, keys);
if (!manifest[LOGIN_SOURCE]) {
  console.error(`The manifest has no chunk for ${LOGIN_SOURCE}.`);
  process.exit(1);
}

const files = [...new Set([...keys].map((key) => manifest[key].file).filter((file) => file.endsWith('.js')))];
const rows = files
  .map((file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  })
  .sort((a, b) => b.gzip - a.gzip);

const kb = (n) => (n / 1024).toFixed(1).padStart(7);
for (const row of rows) console.log(`${kb(row.raw)} KB raw ${kb(row.gzip)} KB gzip  ${row.file}`);
const total = rows.reduce((sum, row) => sum + row.gzip, 0);
console.log(
  `/login JavaScript: ${(total / 1024).toFixed(1)} KB gzip in ${rows.length} files (budget ${BUDGET_KB} KB)`,
);
if (total / 1024 > BUDGET_KB) process.exitCode = 1;
