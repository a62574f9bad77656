// Requests for every root field of a GraphQL schema, with fast-check arbitraries for its arguments
// derived from their input types: mostly values the API may accept (so that calls get past the input
// checks into the services), mixed with values it must refuse. A type the generator does not know
// (a new scalar) throws: a new operation is fuzzed from the day it is added, or the suite fails.
import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * What the generator draws real values from. An argument's name says which: `leadDepartmentId`
 * takes department ids, `categoryCode` the codes of the rules' `categories`, `version` a small number.
 */
export interface Samples {
  /** Ids of rows that exist, by the last word of the fields naming them: `case`, `user`, `department`… */
  ids: Record<string, string[]>;
  /** Codes of the park's rules, by the list they are in: `categories`, `intakeChannels`, `grades`… */
  codes: Record<string, string[]>;
  /** Page cursors the API issued. */
  cursors: string[];
  /** JSON documents the API accepts (a park's rules), sent perturbed. */
  documents: unknown[];
  /** Whole texts worth sending as they are (a calendar file, an enterprise list). */
  texts: string[];
}

export type OperationKind = 'query' | 'mutation';

export interface OperationPlan {
  kind: OperationKind;
  field: string;
  /** `Mutation.registerCase`: the coordinate of the declared-permissions snapshot. */
  coordinate: string;
  /** The document, every argument a variable, the result selected down to its leaves. */
  document: string;
  variables: fc.Arbitrary<Record<string, unknown>>;
  /** Where the variables hold a value of a Date position that is not a day (`from`, `dueOn`, `ids[0]`…). */
  badDays: (variables: Record<string, unknown>) => string[];
}

/** Left out of an input object or of the variables (a sentinel: `undefined` would be sent as is). */
const MISSING = Symbol('missing');

const NIL = '00000000-0000-0000-0000-000000000000';
/** Nested object levels selected below the root field (a Case, its timeline entries, their department). */
const SELECTION_DEPTH = 2;

/** The plan of one root field; throws naming the position whose type it cannot generate. */
export function planOperation(
  schema: GraphQLSchema,
  kind: OperationKind,
  field: string,
  samples: Samples,
): OperationPlan {
  const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
  const definition = root?.getFields()[field];
  if (!root || !definition) throw new Error(`${kind} ${field} is not in the schema`);
  const coordinate = `${root.name}.${field}`;
  const definitions = definition.args.map((arg) => `$${arg.name}: ${variableType(arg)}`);
  const args = definition.args.map((arg) => `${arg.name}: $${arg.name}`);
  const document =
    `${kind} Fuzz${definitions.length ? `(${definitions.join(', ')})` : ''} ` +
    `{ ${field}${args.length ? `(${args.join(', ')})` : ''}${selection(definition, SELECTION_DEPTH)} }`;
  // Most runs send values the API may well accept, to reach past its input checks; the others mix
  // in what it must refuse (wrong types, nulls, garbage, huge texts and numbers).
  const variables = fc.oneof(
    { weight: 3, arbitrary: argumentsOf(definition, coordinate, samples, false) },
    { weight: 2, arbitrary: argumentsOf(definition, coordinate, samples, true) },
  );
  const badDays = (values: Record<string, unknown>) =>
    definition.args.flatMap((arg) =>
      arg.name in values
        ? daysRefusedIn(
            values[arg.name],
            arg.type,
            isInputObjectType(getNullableType(arg.type)) ? '' : arg.name,
          )
        : [],
    );
  return { kind, field, coordinate, document, variables, badDays };
}

/** A real day of years 0001–9999 as `YYYY-MM-DD`: what the API's Date scalar accepts. */
export function isDay(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** The paths (as the API names them) of the values in Date positions of `value` that are not days. */
function daysRefusedIn(value: unknown, type: GraphQLInputType, path: string): string[] {
  if (value === null || value === undefined) return [];
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    // GraphQL takes a single value where a list is expected.
    return Array.isArray(value)
      ? value.flatMap((item, i) => daysRefusedIn(item, nullable.ofType, `${path}[${i}]`))
      : daysRefusedIn(value, nullable.ofType, path);
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object' || Array.isArray(value)) return [];
    return Object.values(nullable.getFields()).flatMap((field) =>
      daysRefusedIn(
        (value as Record<string, unknown>)[field.name],
        field.type,
        path ? `${path}.${field.name}` : field.name,
      ),
    );
  }
  return isScalarType(nullable) && nullable.name === 'Date' && !isDay(value) ? [path] : [];
}

function argumentsOf(
  definition: GraphQLField<unknown, unknown>,
  coordinate: string,
  samples: Samples,
  hostile: boolean,
): fc.Arbitrary<Record<string, unknown>> {
  const entries = definition.args.map((arg) => {
    const value = valueOf(
      arg.type,
      { where: `${coordinate}(${arg.name})`, name: arg.name, hostile },
      samples,
    );
    // An argument the API may do without is left out as often as it is sent.
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    return [arg.name, required ? value : fc.oneof(fc.constant(MISSING), value)] as const;
  });
  return fc
    .tuple(...entries.map(([, value]) => value))
    .map((values) => withoutMissing(entries.map(([name], i) => [name, values[i]])));
}

/**
 * The variable's type is the argument's, except where the argument has a default: then the variable
 * is nullable, so that leaving it out lets the default apply (and an explicit null is refused).
 */
function variableType(arg: GraphQLArgument): string {
  return arg.defaultValue !== undefined && isNonNullType(arg.type)
    ? String(arg.type.ofType)
    : String(arg.type);
}

/** Every leaf of the result down to `depth` nested objects, and `__typename` (a valid selection). */
function selection(field: GraphQLField<unknown, unknown>, depth: number): string {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return '';
  if (!isObjectType(type)) throw new Error(`${field.name}: results of kind ${type} are not selected yet`);
  return ` { ${selectionOf(type, depth)} }`;
}

function selectionOf(type: GraphQLObjectType, depth: number): string {
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (depth > 0 && isObjectType(named))
      parts.push(`${field.name} { ${selectionOf(named, depth - 1)} }`);
  }
  return parts.join(' ');
}

function withoutMissing(entries: [string, unknown][]): Record<string, unknown> {
  return Object.fromEntries(entries.filter(([, value]) => value !== MISSING));
}

interface Position {
  /** `Mutation.registerCase(input.reportedAt)`: for the error naming what cannot be generated. */
  where: string;
  /** The argument's or input field's own name: it hints at what the text means (a date, a code). */
  name: string;
  /** Whether values the API must refuse are mixed in. */
  hostile: boolean;
}

type Weighted = { weight: number; arbitrary: fc.Arbitrary<unknown> };

/** The plausible choices, and the hostile ones too in a hostile run. */
function mix(at: Position, plausible: Weighted[], hostile: Weighted[]): fc.Arbitrary<unknown> {
  return fc.oneof(...plausible, ...(at.hostile ? hostile : []));
}

/** A value of `type`, now and then (hostile) one of another type: GraphQL must refuse it as such. */
function valueOf(type: GraphQLInputType, at: Position, samples: Samples): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    return mix(
      at,
      [{ weight: 30, arbitrary: nullableValueOf(type.ofType, at, samples) }],
      [{ weight: 1, arbitrary: wrongType }],
    );
  }
  return mix(
    at,
    [
      { weight: 12, arbitrary: nullableValueOf(type, at, samples) },
      { weight: 2, arbitrary: fc.constant(null) },
    ],
    [{ weight: 1, arbitrary: wrongType }],
  );
}

const wrongType = fc.constantFrom<unknown>(null, 0, 1.5, '', 'x', true, [], {}, [null]);

function nullableValueOf(type: GraphQLInputType, at: Position, samples: Samples): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) throw new Error(`${at.where}: a non-null type inside a non-null type`);
  if (isListType(type)) {
    const item = valueOf(type.ofType, { ...at, where: `${at.where}[]` }, samples);
    // GraphQL takes a single value where a list is expected.
    return mix(
      at,
      [{ weight: 8, arbitrary: fc.array(item, { maxLength: 3 }) }],
      [{ weight: 1, arbitrary: item }],
    );
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).map((field) => {
      const value = valueOf(
        field.type,
        { ...at, where: `${at.where}.${field.name}`, name: field.name },
        samples,
      );
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      // Required fields are there (but now and then in a hostile run); the others as often as not.
      const maybe = required
        ? mix(at, [{ weight: 25, arbitrary: value }], [{ weight: 1, arbitrary: fc.constant(MISSING) }])
        : fc.oneof(value, fc.constant(MISSING));
      return [field.name, maybe] as const;
    });
    const extra = mix(
      at,
      [{ weight: 25, arbitrary: fc.constant([]) }],
      [{ weight: 1, arbitrary: fc.constant([['notAField', 'x']]) }],
    ) as fc.Arbitrary<[string, unknown][]>;
    return fc
      .tuple(fc.tuple(...fields.map(([, value]) => value)), extra)
      .map(([values, more]) =>
        withoutMissing([...fields.map(([name], i): [string, unknown] => [name, values[i]]), ...more]),
      );
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((value) => value.name);
    return mix(
      at,
      [{ weight: 12, arbitrary: fc.constantFrom(...values) }],
      [
        {
          weight: 1,
          arbitrary: fc.constantFrom('', 'NOT_A_VALUE', values[0].toLowerCase(), ` ${values[0]}`),
        },
      ],
    );
  }
  if (isScalarType(type)) {
    const scalar = SCALARS[type.name];
    if (!scalar) {
      throw new Error(
        `${at.where}: no arbitrary for the scalar ${type.name}; add one to SCALARS in tests/src/support/schema-arbitraries.ts`,
      );
    }
    return scalar(at, samples);
  }
  throw new Error(`${at.where}: no arbitrary for the input type ${String(type)}`);
}

const SCALARS: Record<string, (at: Position, samples: Samples) => fc.Arbitrary<unknown>> = {
  ID: (at, samples) => {
    const all = Object.values(samples.ids).flat();
    const named = samples.ids[lastWord(at.name.replace(/Ids?$/, ''))] ?? [];
    return mix(
      at,
      [
        ...(named.length ? [{ weight: 4, arbitrary: fc.constantFrom(...named) }] : []),
        ...(all.length ? [{ weight: 2, arbitrary: fc.constantFrom(...all) }] : []),
        { weight: 1, arbitrary: fc.uuid() },
      ],
      [{ weight: 3, arbitrary: badIds }],
    );
  },
  String: (at, samples) => stringFor(at, samples),
  Int: (at) =>
    mix(
      at,
      [
        ...INT_HINTS.filter(([pattern]) => pattern.test(at.name)).map(([, hint]) => ({
          weight: 6,
          arbitrary: hint,
        })),
        { weight: 2, arbitrary: fc.integer({ min: -1, max: 5 }) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(12, 13, 20, 31, 50, 100, 1000, 2025, 2026, 2027, 2028, 9999),
        },
      ],
      [
        { weight: 2, arbitrary: fc.constantFrom(2 ** 31 - 1, -(2 ** 31), -100, 10_000, 0) },
        { weight: 2, arbitrary: fc.integer() },
        // Not Ints: GraphQL refuses them.
        { weight: 1, arbitrary: fc.constantFrom(2 ** 31, 2 ** 53, -(2 ** 53), 1e21, 0.5) },
      ],
    ),
  Float: (at) =>
    mix(
      at,
      [{ weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }) }],
      [{ weight: 1, arbitrary: fc.constantFrom(-0, 1e308, -1e308, 5e-324, 2 ** 53 + 1) }],
    ),
  Boolean: () => fc.boolean(),
  JSON: (at, samples) =>
    mix(
      at,
      [
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }) },
        ...(samples.documents.length ? [{ weight: 3, arbitrary: perturbed(samples.documents) }] : []),
      ],
      [{ weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }) }],
    ),
  DateTime: (at) => mix(at, [{ weight: 1, arbitrary: dateTimes }], [{ weight: 1, arbitrary: garbage }]),
  // Days near and far; in a hostile run also days that do not exist, other forms of a date, garbage.
  Date: (at) =>
    mix(
      at,
      [{ weight: 6, arbitrary: days }],
      [
        { weight: 2, arbitrary: notDays },
        { weight: 1, arbitrary: garbage },
      ],
    ),
};

const badIds = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'x',
    '0',
    '-1',
    '1e3',
    NIL,
    `${NIL}x`,
    `{${NIL}}`,
    NIL.toUpperCase(),
    NIL.replace(/-/g, ''),
  ),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.uuid().map((id) => ` ${id}`),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const SQLISH = [
  "' OR '1'='1",
  "'; DROP TABLE cases; --",
  '1); DELETE FROM users; --',
  "' || pg_sleep(5) || '",
  '$1',
  '%',
  '_',
  '\\',
  '"',
  '%s%n%x',
  'NULL',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '=HYPERLINK("http://example.com")',
];

const garbage = fc.oneof(
  fc.constantFrom(...SQLISH),
  fc.string({ unit: 'binary', maxLength: 16 }),
  fc.string({ unit: 'binary-ascii', maxLength: 16 }),
  // Lone surrogates and controls: not text.
  fc.constantFrom(
    '\ud800',
    'a\udfffb',
    '\u0000',
    '\u001b[2J',
    '\u007f',
    '\u0085',
    '\u200b',
    '\ufeff',
    '\u202e',
  ),
  // Line breaks and tabs: text only in free-text fields.
  fc.constantFrom('第一行\n第二行', 'a\tb', 'x\r\ny'),
  // Days and times that do not exist, or not in the form asked for.
  fc.constantFrom(
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '0000-01-01',
    '2026-1-5',
    '20260105',
    '2026-13',
    '2026-00',
    '0000-01',
    '202601',
    '2026-02-30T10:00:00Z',
    '2026-01-01T25:00:00Z',
    '2026-01-01T10:00:00',
    '0000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
  ),
);

/** Long texts: past the limits of names, notes, files and the request body. */
const long = fc
  .tuple(fc.constantFrom(256, 1025, 10_001, 200_001, 400_001), fc.constantFrom('长', 'a', 'é', '𠀀'))
  .map(([length, unit]) => unit.repeat(length));

const cjk = fc.string({
  unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code)),
  minLength: 1,
  maxLength: 12,
});

const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }) },
  { weight: 3, arbitrary: cjk },
  { weight: 1, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '  a  ') },
);

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Dates around now and in odd places, as days, months and date-times. */
const anyDate = fc.date({
  min: new Date('0001-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const nearDate = fc.integer({ min: -800, max: 800 }).map((days) => new Date(Date.now() + days * 86_400_000));
const dateTimes = fc.oneof(
  nearDate.map((date) => date.toISOString()),
  nearDate.map((date) => date.toISOString().replace('Z', '+08:00')),
  anyDate.map((date) => date.toISOString()),
);
const days = fc.oneof(
  nearDate.map(isoDate),
  anyDate.map(isoDate),
  fc.constantFrom('2026-02-28', '2028-02-29', '2026-12-31', '2027-01-01', '9999-12-31', '0001-01-01'),
);
/** Not days: days that do not exist, and days written otherwise than `YYYY-MM-DD`. */
const notDays = fc.oneof(
  fc.constantFrom(
    '2026-02-30',
    '2026-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '0000-01-01',
    '2026-1-5',
    '2026-01-5',
    '20260105',
    '2026/01/05',
    '2026-01',
    ' 2026-01-05',
    '2026-01-05 ',
    '10000-01-01',
    '+002026-01-05',
  ),
  nearDate.map((date) => date.toISOString()),
);
const months = fc.oneof(
  nearDate.map((date) => isoDate(date).slice(0, 7)),
  fc.constantFrom('9999-12', '0001-01', '1970-01'),
);

/** The extra texts a field's name suggests: dates for `…On`, codes for `…Code`… */
/** Numbers a field's name suggests: versions count from 1, years are near. */
const INT_HINTS: [RegExp, fc.Arbitrary<number>][] = [
  [/[vV]ersion$/, fc.integer({ min: 0, max: 8 })],
  [/[yY]ear$/, fc.integer({ min: 2024, max: 2028 })],
  [/^(first|offset|days|minCasesForRanking|monthCutOffDay)$/, fc.integer({ min: 0, max: 60 })],
];

/** The texts a field's name suggests: dates for `…On`, the rules' categories for `categoryCode`… */
const HINTS: [RegExp, (samples: Samples, name: string) => fc.Arbitrary<string>][] = [
  [/^(periodFrom|periodTo|month)$/, () => months],
  [/At$/, () => dateTimes],
  [/(On|Date)$|^(from|to|effectiveFrom)$/, () => days],
  [/(code|Codes?)$|^(kind|event|ground|reason|step|outcome)$/, (samples, name) => codes(samples, name)],
  [
    /^after$/,
    (samples) => (samples.cursors.length ? fc.constantFrom(...samples.cursors) : fc.base64String()),
  ],
  [
    /^after$/,
    () =>
      fc
        .jsonValue({ maxDepth: 2 })
        .map((value) => Buffer.from(JSON.stringify(value) ?? '').toString('base64url')),
  ],
  [
    /[pP]assword$/,
    () => fc.constantFrom('Fuzz@2026pass', 'Zz1!zzzzzzzz', 'short', 'password', 'Aa1!'.repeat(40)),
  ],
  [/[eE]mail$/, () => fc.constantFrom('fz@example.com', 'a@b', 'not-an-email', '@example.com')],
  [
    /[pP]hone$|^contact$/,
    () => fc.constantFrom('13800000000', '023-79429609', '+86 138 0000 0000', '1', '138000000001234'),
  ],
  [/[uU]sername$/, () => fc.stringMatching(/^fz\.[a-z0-9]{1,12}$/)],
  [
    /[cC]reditCode$/,
    () => fc.constantFrom('91500114MA5U3XKL2T', '91500114MA61WL8K0Q', '91500114MA5U3XKL2X', '0'.repeat(18)),
  ],
  [/^(content|csv)$/, (samples) => (samples.texts.length ? fc.constantFrom(...samples.texts) : text)],
  [/^file$/, () => fc.base64String({ maxLength: 400 })],
];

/** `leadDepartmentId` → `department`, `hopedDepartmentIds` → `department`. */
function lastWord(name: string): string {
  return (name.match(/[A-Z]?[a-z0-9]+/g)?.pop() ?? name).toLowerCase();
}

/** The codes of the rules' list the field's name points to (`satisfiedCodes` → `satisfactionScale`), and others. */
function codes(samples: Samples, name: string): fc.Arbitrary<string> {
  const words = (name.replace(/Codes?$/, '').match(/[A-Z]?[a-z]+/g) ?? []).map((word) => word.toLowerCase());
  const lists = Object.entries(samples.codes);
  const named = lists
    .filter(([list]) =>
      words.some((word) => word.length >= 4 && list.toLowerCase().includes(word.slice(0, 5))),
    )
    .flatMap(([, codes]) => codes);
  const known = [
    'FRAUD',
    'LEAK',
    'VISIT',
    'MEETING',
    'INCOMPLETE',
    'NON_STANDARD_REPLY',
    'UNSATISFIED',
    'NOT_IN_PARK',
  ];
  const all = [...new Set([...lists.flatMap(([, codes]) => codes), ...known])];
  return named.length
    ? fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...named) },
        { weight: 1, arbitrary: fc.constantFrom(...all) },
      )
    : fc.constantFrom(...all);
}

function stringFor(at: Position, samples: Samples): fc.Arbitrary<unknown> {
  const hinted = HINTS.filter(([pattern]) => pattern.test(at.name)).map(([, hint]) => hint(samples, at.name));
  return mix(
    at,
    [
      { weight: hinted.length ? 1 : 4, arbitrary: text },
      ...hinted.map((arbitrary) => ({ weight: 4 / hinted.length, arbitrary })),
    ],
    [
      { weight: 2, arbitrary: garbage },
      { weight: 1, arbitrary: long },
    ],
  );
}

/** A known document with one place changed: a value replaced, a key removed, an array item doubled. */
function perturbed(documents: unknown[]): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      fc.constantFrom(...documents),
      fc.nat(),
      fc.constantFrom('replace', 'remove', 'double'),
      fc.jsonValue({ maxDepth: 2, stringUnit: 'grapheme' }),
    )
    .map(([document, n, how, value]) => {
      const copy = structuredClone(document);
      const places = placesIn(copy);
      if (places.length === 0) return value;
      const [parent, key] = places[n % places.length];
      if (how === 'replace') parent[key] = value;
      else if (Array.isArray(parent)) {
        const i = Number(key);
        const items = parent as unknown[];
        if (how === 'remove') items.splice(i, 1);
        else items.splice(i, 0, structuredClone(items[i]));
      } else if (how === 'remove') delete parent[key];
      else parent[key] = [parent[key], parent[key]];
      return copy;
    });
}

type Container = Record<string, unknown>;

/** Every (container, key) of a JSON value, depth first. */
function placesIn(value: unknown): [Container, string][] {
  const places: [Container, string][] = [];
  const walk = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    for (const key of Object.keys(node)) {
      places.push([node as Container, key]);
      walk((node as Record<string, unknown>)[key]);
    }
  };
  walk(value);
  return places;
}
