import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { NOT_UUID_IDS } from '../input-guard.js';

/** One place in the arguments of a root field where a bad string or id can be sent. */
export interface BadPosition {
  operation: 'query' | 'mutation';
  field: string;
  arg: string;
  /** Field names and `[0]` from the argument down to the value. */
  segments: string[];
  kind: 'ID' | 'String' | 'JSON' | 'Date';
  /** `Query.ledger(filter.departmentId)`: for messages. */
  coordinate: string;
  /** The path the answer must name (relative to an input object argument, as class-validator's). */
  path: string;
}

const NIL = '00000000-0000-4000-8000-000000000000';
const BAD: Record<BadPosition['kind'], unknown> = {
  ID: 'not-a-uuid',
  String: 'a\u0000b',
  JSON: { k: 'a\u0000b' },
  Date: '2026-02-30',
};

function joinPath(segments: string[]): string {
  return segments.reduce((path, s) => (s.startsWith('[') || !path ? path + s : `${path}.${s}`), '');
}

/** The path the guard names: inside an input object argument it starts below the argument. */
export function expectedPath(arg: GraphQLArgument, segments: string[], kind: BadPosition['kind']): string {
  const inner = kind === 'JSON' ? [...segments, 'k'] : segments;
  return isInputObjectType(getNullableType(arg.type)) ? joinPath(inner) : joinPath([arg.name, ...inner]);
}

/** Every ID, String, JSON and Date position of every query and mutation argument (each input type once per path). */
export function badPositions(schema: GraphQLSchema): BadPosition[] {
  const positions: BadPosition[] = [];
  for (const [operation, root] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      for (const arg of field.args) {
        // `inputField` is the input field's coordinate (`InputType.field`), null for the argument itself.
        const walk = (
          type: GraphQLInputType,
          segments: string[],
          seen: Set<string>,
          inputField: string | null = null,
        ): void => {
          const nullable = getNullableType(type);
          if (isListType(nullable)) return walk(nullable.ofType, [...segments, '[0]'], seen, inputField);
          if (isInputObjectType(nullable)) {
            if (seen.has(nullable.name)) return;
            for (const inner of Object.values(nullable.getFields()))
              walk(
                inner.type,
                [...segments, inner.name],
                new Set([...seen, nullable.name]),
                `${nullable.name}.${inner.name}`,
              );
            return;
          }
          if (!isScalarType(nullable) || !['ID', 'String', 'JSON', 'Date'].includes(nullable.name)) return;
          const coordinate = `${root!.name}.${field.name}.${arg.name}`;
          const kind =
            nullable.name === 'ID' && NOT_UUID_IDS.has(inputField ?? coordinate)
              ? 'String'
              : (nullable.name as BadPosition['kind']);
          positions.push({
            operation,
            field: field.name,
            arg: arg.name,
            segments,
            kind,
            coordinate: `${root!.name}.${field.name}(${joinPath([arg.name, ...segments])})`,
            path: expectedPath(arg, segments, kind),
          });
        };
        walk(arg.type, [], new Set());
      }
    }
  }
  return positions;
}

/** A value of `type` with only its required parts, and the bad value at `segments` if given. */
export function valueOf(
  type: GraphQLInputType,
  target: { segments: string[]; bad: unknown } | null,
): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!target) return [];
    return [valueOf(nullable.ofType, { ...target, segments: target.segments.slice(1) })];
  }
  if (isInputObjectType(nullable)) {
    const value: Record<string, unknown> = {};
    for (const inner of Object.values(nullable.getFields())) {
      const aimed = target?.segments[0] === inner.name;
      if (aimed) value[inner.name] = valueOf(inner.type, { ...target!, segments: target!.segments.slice(1) });
      else if (isNonNullType(inner.type) && inner.defaultValue === undefined)
        value[inner.name] = valueOf(inner.type, null);
    }
    return value;
  }
  if (target) return target.bad;
  if (isEnumType(nullable)) return nullable.getValues()[0].value;
  switch (getNamedType(type).name) {
    case 'ID':
      return NIL;
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'JSON':
      return {};
    case 'DateTime':
      return new Date().toISOString();
    case 'Date':
      return new Date().toISOString().slice(0, 10);
    default:
      return 'ab';
  }
}

/** The request that sends the bad value at `position` (and minimal values elsewhere) through variables. */
export function requestFor(
  schema: GraphQLSchema,
  position: BadPosition,
): { query: string; variables: Record<string, unknown> } {
  const root = position.operation === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  const field: GraphQLField<unknown, unknown> = root.getFields()[position.field];
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const args: string[] = [];
  for (const arg of field.args) {
    const aimed = arg.name === position.arg;
    if (!aimed && !(isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
    variables[arg.name] = valueOf(
      arg.type,
      aimed ? { segments: position.segments, bad: BAD[position.kind] } : null,
    );
    definitions.push(`$${arg.name}: ${String(arg.type)}`);
    args.push(`${arg.name}: $${arg.name}`);
  }
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  const query = `${position.operation}${definitions.length ? `(${definitions.join(', ')})` : ''} { ${field.name}${
    args.length ? `(${args.join(', ')})` : ''
  }${selection} }`;
  return { query, variables };
}
