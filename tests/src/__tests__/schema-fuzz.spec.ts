// Every query and mutation of apps/api/schema.graphql, called with values fast-check derives from
// its argument types, by the callers its declared permission admits (now and then by another): no
// answer is a server error, and a refused mutation leaves the database as it was.
//
// The callers act in a park of the suite's own (support/fuzz-park.ts). QIFU_FUZZ_RUNS multiplies
// the runs (CI: 1), QIFU_FUZZ_SEED sets fast-check's seed, QIFU_FUZZ_REPORT=1 prints what each
// operation answered.
import { readFileSync } from 'node:fs';
import { createMongoAbility, type MongoAbility } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import fc from 'fast-check';
import { buildSchema, parse, validate } from 'graphql';
import { gql, post, type GqlError } from '../support/api.js';
import { changedTables, DatabaseWatch } from '../support/database-watch.js';
import { onboardFuzzPark, type FuzzPark } from '../support/fuzz-park.js';
import { planOperation, type OperationKind, type OperationPlan } from '../support/schema-arbitraries.js';
import { repoPath } from '../support/server.js';

const schema = buildSchema(readFileSync(repoPath('apps/api/schema.graphql'), 'utf8'));
const OPERATIONS: [OperationKind, string][] = [
  ...Object.keys(schema.getQueryType()!.getFields()).map((field): [OperationKind, string] => [
    'query',
    field,
  ]),
  ...Object.keys(schema.getMutationType()!.getFields()).map((field): [OperationKind, string] => [
    'mutation',
    field,
  ]),
];

const SCALE = Number(process.env.QIFU_FUZZ_RUNS ?? 1);
const SEED = process.env.QIFU_FUZZ_SEED ? Number(process.env.QIFU_FUZZ_SEED) : undefined;
const RUNS: Record<OperationKind, number> = { query: Math.ceil(12 * SCALE), mutation: Math.ceil(30 * SCALE) };

// A refused sign-in or password change is counted against the name and the address, by design (README,
// "Sessions and sign-in"): sign_in_failures, and users.failed_attempts for a known name.
const WRITES_WHEN_REFUSED: Record<string, string[]> = {
  'Mutation.signIn': ['sign_in_failures', 'users'],
  'Mutation.changePassword': ['sign_in_failures', 'users'],
};
// A wrong current password counts against the account: only the suite's own accounts are tried, so
// that the demo accounts the other test files sign in with are never slowed down.
const OWN_CALLERS_ONLY = new Set(['Mutation.changePassword']);
// Codes a client may get; GraphQL's own parse and validation errors would be the suite's mistake.
const CLIENT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'TEMPLATE_INVALID',
]);

/** `Mutation.registerCase` → `create Case`, `public` or `signed-in`, from the reviewed snapshot. */
function declaredPermissions(): Map<string, string> {
  const snapshot = readFileSync(
    repoPath('apps/api/src/access/__tests__/declared-permissions.spec.ts'),
    'utf8',
  );
  return new Map([...snapshot.matchAll(/'((?:Query|Mutation)\.\w+)': '([^']+)'/g)].map((m) => [m[1], m[2]]));
}

interface Plan extends OperationPlan {
  /** Callers the permission admits, and the others (sent now and then: they must be refused). */
  admitted: string[];
  others: string[];
}

interface Tally {
  runs: number;
  ok: number;
  codes: Map<string, number>;
}

describe('every operation of the schema, fuzzed', () => {
  let park: FuzzPark;
  let watch: DatabaseWatch;
  const plans = new Map<string, Plan>();
  const tallies = new Map<string, Tally>();
  let requests = 0;
  let started = 0;
  // Whether the API may still be at work on an earlier change (its jobs and the outbox).
  let busy = true;

  beforeAll(async () => {
    started = Date.now();
    park = await onboardFuzzPark();
    watch = await DatabaseWatch.open();
    const abilities = new Map<string, MongoAbility>();
    for (const [name, token] of Object.entries(park.callers)) {
      if (!token) continue;
      const { data, errors } = await gql<{ myAbilities: string }>('{ myAbilities }', {}, token);
      if (!data) throw new Error(`myAbilities of ${name}: ${JSON.stringify(errors)}`);
      abilities.set(name, createMongoAbility(unpackRules(JSON.parse(data.myAbilities) as PackRule<never>[])));
    }
    const permissions = declaredPermissions();
    for (const [kind, field] of OPERATIONS) {
      const samples = park.samples[kind];
      const plan = planOperation(schema, kind, field, samples);
      const permission = permissions.get(plan.coordinate);
      if (!permission) throw new Error(`${plan.coordinate} is not in the declared-permissions snapshot`);
      const callers = Object.keys(park.callers).filter(
        (name) => !OWN_CALLERS_ONLY.has(plan.coordinate) || !park.demo.has(name),
      );
      const admitted = callers.filter((name) => admits(permission, abilities.get(name)));
      if (admitted.length === 0)
        throw new Error(`no caller of the suite may run ${plan.coordinate} (${permission})`);
      const others = callers.filter((name) => !admitted.includes(name));
      plans.set(plan.coordinate, { ...plan, admitted, others });
    }
  }, 120_000);

  afterAll(async () => {
    await watch?.close();
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (process.env.QIFU_FUZZ_REPORT)
      for (const [coordinate, t] of tallies)
        console.log(`${coordinate} runs=${t.runs} ok=${t.ok} ${JSON.stringify(Object.fromEntries(t.codes))}`);
    const never = [...tallies].filter(([, t]) => t.ok === 0).map(([coordinate]) => coordinate);
    console.log(
      `schema fuzz: ${requests} requests over ${tallies.size} operations in ${seconds} s; ` +
        `answered without error at least once: ${tallies.size - never.length}; never: ${never.join(', ')}`,
    );
  });

  /** Whether a caller with this ability (none: anonymous) may run an operation declaring the permission. */
  function admits(permission: string, ability: MongoAbility | undefined): boolean {
    if (permission === 'public') return true;
    if (!ability) return false;
    if (permission === 'signed-in') return true;
    const match = /^(\w+) (\w+)$/.exec(permission);
    if (!match) throw new Error(`a permission the suite does not know: ${permission}`);
    return ability.can(match[1], match[2]);
  }

  it('writes a valid document for every operation', () => {
    expect(plans.size).toBe(OPERATIONS.length);
    const invalid = [...plans.values()].flatMap((plan) =>
      validate(schema, parse(plan.document)).map((error) => `${plan.coordinate}: ${error.message}`),
    );
    expect(invalid).toEqual([]);
  });

  it('fails on an argument type it cannot generate, rather than skip the operation', () => {
    const priced = buildSchema('scalar Money\ntype Query { price(amount: Money!): Int }');
    expect(() => planOperation(priced, 'query', 'price', park.samples.query)).toThrow(
      'Query.price(amount): no arbitrary for the scalar Money',
    );
  });

  it('sees what a mutation writes, and nothing of one refused', async () => {
    const SET_EMAIL = `mutation($input: SetUserEmailInput!) { setUserEmail(input: $input) { id } }`;
    const admin = park.callers['fz.admin']!;
    await watch.quiet();
    const before = await watch.fingerprint();
    const unknown = { userId: '00000000-0000-4000-8000-000000000000', email: 'fz@example.com' };
    expect((await gql(SET_EMAIL, { input: unknown }, admin)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const refused = await watch.fingerprint();
    expect(changedTables(before, refused)).toEqual([]);
    const target = { userId: park.samples.mutation.ids.user[0], email: 'fz.target@example.com' };
    expect((await gql(SET_EMAIL, { input: target }, admin)).errors).toBeUndefined();
    const written = await watch.fingerprint();
    expect(changedTables(refused, written).map((change) => change.split(' ')[0])).toContain('users');
  });

  it.each(OPERATIONS)(
    '%s %s: no server error, and a refused mutation changes nothing',
    async (kind, field) => {
      const plan = plans.get(`${kind === 'query' ? 'Query' : 'Mutation'}.${field}`)!;
      const tally: Tally = { runs: 0, ok: 0, codes: new Map() };
      tallies.set(plan.coordinate, tally);
      const caller = plan.others.length
        ? fc.oneof(
            { weight: 9, arbitrary: fc.constantFrom(...plan.admitted) },
            { weight: 1, arbitrary: fc.constantFrom(...plan.others) },
          )
        : fc.constantFrom(...plan.admitted);

      /** One call, never a server error; for a mutation, with the fingerprints around it. */
      const call = async (name: string, variables: Record<string, unknown>) => {
        if (kind === 'mutation' && busy) {
          await watch.quiet();
          busy = false;
        }
        const before = kind === 'mutation' ? await watch.fingerprint() : null;
        const answer = await post(plan.document, variables, park.callers[name] ?? undefined);
        requests++;
        const after = kind === 'mutation' ? await watch.fingerprint() : null;
        const where = `${plan.coordinate} as ${name}: HTTP ${answer.status} ${answer.text.slice(0, 600)}`;
        if (answer.status >= 500) throw new Error(`server error: ${where}`);
        const errors = errorsIn(answer.text);
        for (const error of errors) {
          const code = error.extensions?.code;
          if (!code || !CLIENT_CODES.has(code)) throw new Error(`${code ?? 'no code'}: ${where}`);
        }
        // Refused: an HTTP error (a body too large), or an error of the request or of the root
        // field, not one of a field selected below it (the operation then ran).
        const refused = answer.status >= 400 || errors.some((error) => (error.path?.length ?? 0) <= 1);
        // A change starts jobs; jobs seen running may run on.
        if (kind === 'mutation' && (!refused || before!.jobs !== after!.jobs)) busy = true;
        return { errors, refused, before, after, where, status: answer.status };
      };

      await fc.assert(
        fc.asyncProperty(caller, plan.variables, async (name, variables) => {
          let answer = await call(name, variables);
          tally.runs++;
          // A Date that is not a day is bad input, named: never a server or validation error.
          const badDays = plan.badDays(variables);
          if (badDays.length && !refusedAsBadInput(answer, badDays))
            throw new Error(`a Date that is not a day (${badDays.join(', ')}) not refused: ${answer.where}`);
          if (!answer.refused) tally.ok++;
          const codes = answer.errors.map((error) => error.extensions!.code!);
          if (codes.length === 0 && answer.status >= 400) codes.push(`HTTP ${answer.status}`);
          for (const code of codes) tally.codes.set(code, (tally.codes.get(code) ?? 0) + 1);
          if (kind !== 'mutation' || !answer.refused) return;
          const allowed = WRITES_WHEN_REFUSED[plan.coordinate] ?? [];
          // A change in a window where a job ran may be the job's: the same call again, once quiet.
          for (let attempt = 0; answer.refused; attempt++) {
            const changed = changedTables(answer.before!, answer.after!).filter(
              (change) => !allowed.includes(change.split(' ')[0]),
            );
            if (changed.length === 0) return;
            if (answer.before!.jobs === answer.after!.jobs)
              throw new Error(`refused, yet changed ${changed.join(', ')}: ${answer.where}`);
            if (attempt === 3) throw new Error(`refused, and jobs kept running around it: ${answer.where}`);
            answer = await call(name, variables);
          }
        }),
        { numRuns: RUNS[kind], seed: SEED },
      );
    },
    300_000,
  );
});

/** Refused as BAD_USER_INPUT naming one of `paths`, or before GraphQL read it (a body too large). */
function refusedAsBadInput(answer: { errors: GqlError[]; status: number }, paths: string[]): boolean {
  if (answer.errors.length === 0) return answer.status >= 400;
  const named = answer.errors.flatMap(
    (error) => (error.extensions?.fields as { path: string }[] | undefined)?.map((field) => field.path) ?? [],
  );
  return (
    answer.errors.every((error) => error.extensions?.code === 'BAD_USER_INPUT') &&
    paths.some((path) => named.includes(path))
  );
}

function errorsIn(text: string): GqlError[] {
  try {
    return (JSON.parse(text) as { errors?: GqlError[] }).errors ?? [];
  } catch {
    return []; // not GraphQL's answer (a body too large): its status says what it is
  }
}
