import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { buildSchema, getNamedType, isInputObjectType } from 'graphql';
import { MULTI_LINE_FIELDS, NOT_UUID_IDS } from '../input-guard.js';

const schema = buildSchema(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8'));

describe('input guard lists', () => {
  it('names only ID arguments and fields that exist', () => {
    for (const coordinate of NOT_UUID_IDS) {
      const [type, field, arg] = coordinate.split('.');
      const named = schema.getType(type);
      const def = named && 'getFields' in named ? named.getFields()[field] : undefined;
      const position = arg && def && 'args' in def ? def.args.find((a) => a.name === arg) : def;
      expect({ coordinate, type: position ? getNamedType(position.type).name : null }).toEqual({
        coordinate,
        type: 'ID',
      });
    }
  });

  it('names multi-line fields that are String inputs', () => {
    const stringInputs = new Set<string>();
    for (const type of Object.values(schema.getTypeMap()))
      if (isInputObjectType(type))
        for (const field of Object.values(type.getFields()))
          if (getNamedType(field.type).name === 'String') stringInputs.add(field.name);
    for (const root of [schema.getQueryType()!, schema.getMutationType()!])
      for (const field of Object.values(root.getFields()))
        for (const arg of field.args)
          if (getNamedType(arg.type).name === 'String') stringInputs.add(arg.name);
    expect([...MULTI_LINE_FIELDS].filter((name) => !stringInputs.has(name))).toEqual([]);
  });
});
