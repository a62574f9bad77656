import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildSchema,
  Kind,
  parse,
  typeFromAST,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { errorCode, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { FIELD_COSTS } from '../costs.js';
import { countFields, DEFAULT_LIMITS, operationCost } from '../limits.js';
import { valueOf } from './schema-positions.js';

const FILTER = `{ periodFrom: "2026-01", periodTo: "2026-06" }`;
const dashboards = (n: number, filter = (_i: number) => FILTER) =>
  `{ ${Array.from({ length: n }, (_, i) => `d${i}: dashboard(filter: ${filter(i)}) { asOf }`).join(' ')} }`;

describe('request limits: cost, aliases, root fields', () => {
  let api: TestApi;
  let viewer: string;
  const reads = async () =>
    Number((await api.owner.query(`SELECT count(*)::int AS n FROM dashboard_reads`)).rows[0].n);
  beforeAll(async () => {
    api = await startTestApi();
    viewer = await api.login('qianjiang');
  });
  afterAll(() => api.close());

  it('refuses 600 aliased dashboards before any runs: no audit row', async () => {
    const before = await reads();
    const result = await api.gql(dashboards(600), {}, viewer);
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      limit: 'maxAliases',
      value: 600,
      max: 20,
    });
    expect(result.errors?.[0].message).toMatch(/600 exceeds the limit of 20/);
    expect(await reads()).toBe(before);
  });

  it('weighs what a resolver does: 10 dashboards cost more than 2000 fields', async () => {
    const before = await reads();
    const result = await api.gql(
      dashboards(10, (i) => `{ periodFrom: "2026-01", periodTo: "2026-${String(i + 1).padStart(2, '0')}" }`),
      {},
      viewer,
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions).toMatchObject({
      limit: 'maxCost',
      value: 10 * (200 + 1),
      max: 2000,
    });
    expect(await reads()).toBe(before);
  });

  it('refuses too many root fields', async () => {
    const token = await api.login('zy.admin');
    const fields =
      'me { id } myAbilities districts { id } parks { id } departments { id } users { id } attachmentPolicy { maxBytes } documentTemplates { kind } unreadNotificationCount calendarYearsCovered nationalCalendarYears { year }';
    const result = await api.gql(`{ ${fields} }`, {}, token);
    expect(result.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      limit: 'maxRootFields',
      value: 11,
      max: 10,
    });
  });

  it('writes one audit row for the same dashboard read twice in one request, one per different read', async () => {
    let before = await reads();
    const same = await api.gql(dashboards(2), {}, viewer);
    expect(same.errors).toBeUndefined();
    expect(await reads()).toBe(before + 1);
    before = await reads();
    const different = await api.gql(
      dashboards(2, (i) => `{ periodFrom: "2026-01", periodTo: "2026-0${i + 2}" }`),
      {},
      viewer,
    );
    expect(different.errors).toBeUndefined();
    expect(await reads()).toBe(before + 2);
  });
});

describe('costs and limits against the schema', () => {
  const apiRoot = fileURLToPath(new URL('../../../', import.meta.url));
  const schema = buildSchema(readFileSync(`${apiRoot}schema.graphql`, 'utf8'));

  it('weighs fields that exist', () => {
    const missing = Object.keys(FIELD_COSTS).filter((coordinate) => {
      const [type, field] = coordinate.split('.');
      const named = schema.getType(type);
      return !(named && 'getFields' in named && named.getFields()[field]);
    });
    expect(missing).toEqual([]);
  });

  it('lets every console operation through with room to spare', () => {
    const files = execSync(`find ${apiRoot}../admin/src -name '*.graphql'`).toString().trim().split('\n');
    const documents = files.map((file) => parse(readFileSync(file, 'utf8')));
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const document of documents)
      for (const definition of document.definitions)
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    const over: string[] = [];
    let operations = 0;
    for (const document of documents) {
      for (const operation of document.definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      )) {
        operations += 1;
        const used = { ...document, definitions: [operation, ...fragments.values()] };
        const counts = countFields(operation, fragments);
        // Costs do not depend on variable values here (no directives): placeholders do.
        const cost = operationCost(
          schema,
          used,
          operation.name?.value,
          placeholderVariables(schema, operation),
        );
        if (cost === null || cost > DEFAULT_LIMITS.maxCost / 2 || counts.aliases > 0 || counts.rootFields > 3)
          over.push(
            `${operation.name?.value}: cost ${cost}, ${counts.aliases} aliases, ${counts.rootFields} root fields`,
          );
      }
    }
    expect(operations).toBeGreaterThan(50);
    expect(over).toEqual([]);
  });
});

/** A value for every variable (costs ignore them, but the required ones must be there). */
function placeholderVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
): Record<string, unknown> {
  return Object.fromEntries(
    (operation.variableDefinitions ?? []).map((definition) => [
      definition.variable.name.value,
      valueOf(typeFromAST(schema, definition.type) as GraphQLInputType, null),
    ]),
  );
}
