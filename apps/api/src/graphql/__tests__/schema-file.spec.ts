import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { printSchema } from '../print-schema.js';

const schemaFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schema.graphql');

describe('apps/api/schema.graphql', () => {
  it('is the schema the API serves (the console’s typed operations are generated from it)', async () => {
    // If this fails: npm run codegen (the schema, then the console's types).
    expect(readFileSync(schemaFile, 'utf8')).toBe(await printSchema());
  });
});
