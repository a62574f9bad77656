import type { TestApi } from './test-api.js';

/** Signs each of `users` in with the demo password, keeping their access tokens in `tokens`. */
export async function signInAll(
  api: TestApi,
  users: readonly string[],
  tokens: Record<string, string>,
): Promise<void> {
  for (const user of users) tokens[user] = await api.login(user);
}

/** The ids of every park's departments by code, read as the database owner. */
export async function departmentIdsByCode(api: TestApi): Promise<Record<string, string>> {
  const { rows } = await api.owner.query(`SELECT code, id FROM departments`);
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

/**
 * Time passes: the API has no clock a test can move, so the case's open deadlines and its open
 * documents of `kinds` (assignment sheets, referral letters) are set to fall due on `dueOn`.
 */
export async function openDeadlinesDueOn(
  api: TestApi,
  caseId: string,
  dueOn: string,
  kinds: readonly string[] = ['ASSIGNMENT_SHEET', 'REFERRAL_LETTER'],
): Promise<void> {
  await api.owner.query(
    `UPDATE case_documents SET due_on = $2::text::date
      WHERE case_id = $1 AND done_on IS NULL AND kind = ANY($3::text[])`,
    [caseId, dueOn, kinds],
  );
  await api.owner.query(
    `UPDATE cases SET next_due_on = $2::text::date,
            deadlines = (SELECT jsonb_agg(CASE WHEN d ->> 'doneOn' IS NULL
                                               THEN jsonb_set(d, '{dueOn}', to_jsonb($2::text)) ELSE d END
                                          ORDER BY i)
                           FROM jsonb_array_elements(deadlines) WITH ORDINALITY AS t(d, i))
      WHERE id = $1`,
    [caseId, dueOn],
  );
}

/** The id of an enterprise `token` saves in the register: the demo's, or as `input` changes it. */
export async function savedEnterpriseId(
  api: TestApi,
  token: string,
  input: Record<string, unknown> = {},
): Promise<string> {
  const result = await api.gql(
    `mutation($input: SaveEnterpriseInput!) { saveEnterprise(input: $input) { id } }`,
    { input: { creditCode: '91500114MA5U3XKL2T', name: '重庆正阳精密机械有限公司', ...input } },
    token,
  );
  if (!result.data?.saveEnterprise) throw new Error(JSON.stringify(result.errors));
  return result.data.saveEnterprise.id;
}

// Rules are JSON here: the API validates them on publication.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Rules = Record<string, any>;

/** The park's rules in force changed by `change` and published by `token` (a park admin) with `note`. */
export async function republishParkRules(
  api: TestApi,
  token: string,
  change: (rules: Rules) => Rules,
  note: string,
): Promise<void> {
  const latest = await api.gql(`{ parkRules { version rules } }`, {}, token);
  const { parkRules } = latest.data!;
  const published = await api.gql(
    `mutation($input: PublishParkRulesInput!) { publishParkRules(input: $input) { version } }`,
    { input: { baseVersion: parkRules.version, rules: change(parkRules.rules), note } },
    token,
  );
  if (published.errors) throw new Error(JSON.stringify(published.errors));
}
