import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testJobDeps } from '../../__tests__/support/job-deps.js';
import { redisAvailable, REDIS_URL, until } from '../../__tests__/support/queue-backends.js';
import { startTestApi, type TestApi, nodesOf } from '../../__tests__/support/test-api.js';
import { rebuildDashboardsJob } from '../../dashboards/dashboard-jobs.js';
import { Scope } from '../../database/tenant-db.js';
import { convertPdfJob } from '../../documents/issued-pdf.job.js';
import { remindDeadlineJob, superviseOverdueJob } from '../deadline-jobs.js';
import { addJob } from '../job-definition.js';
import { JobRunner } from '../job-runner.js';
import { enqueueJob, OutboxJob } from '../outbox.js';
import { openQueue, type QueueBackend } from '../queue.js';

const FAILED = `{ failedJobs { edges { node { id name parkId data failedReason attemptsMade } } } }`;

describe.each(['postgres', 'redis'] as const)('job payloads on %s', (kind) => {
  let api: TestApi;
  let runner: JobRunner;
  let skip = false;
  let parkId: string;
  const queueName = `test-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    if (kind === 'redis' && !(await redisAvailable('job payloads'))) {
      skip = true;
      return;
    }
    const backendOf = (ownerUrl: string): QueueBackend =>
      kind === 'redis' ? { kind, url: REDIS_URL } : { kind, url: ownerUrl };
    // The API's queue is the runner's: its failed jobs are what platform administrators see.
    api = await startTestApi({}, { jobQueue: (url) => openQueue(backendOf(url), queueName) });
    runner = new JobRunner({ ...testJobDeps(api), backend: backendOf(api.ownerUrl), queueName });
    parkId = (await api.owner.query(`SELECT id FROM parks WHERE code = 'zhengyang'`)).rows[0].id;
  });
  afterAll(async () => {
    await runner?.stop();
    await api?.close();
  });

  it('refuses a bad payload where it is enqueued, naming the job and its fields; the change is not made', async () => {
    if (skip) return;
    const caseId = randomUUID();
    const good = `remind/${caseId}/departmentReply/2026-03-02`;
    const bad = `supervise/${caseId}/2026-02-30`;
    await expect(
      api.db.run(Scope.park(parkId), async (em) => {
        const data = { caseId, stage: 'departmentReply', dueOn: '2026-03-02' };
        await enqueueJob(em, OutboxJob.of(remindDeadlineJob, { key: good, data }));
        await enqueueJob(
          em,
          OutboxJob.of(superviseOverdueJob, {
            key: bad,
            data: { caseId: 'case-12', stage: 'department reply', dueOn: '2026-02-30' },
          }),
        );
      }),
    ).rejects.toThrow(
      'job case.superviseOverdue: invalid payload: caseId: must be a UUID; stage: must be a stage name; dueOn: must be a day YYYY-MM-DD',
    );
    // The job written before the refusal went with its transaction.
    const { rows } = await api.owner.query(`SELECT job_key FROM outbox WHERE job_key = ANY($1)`, [
      [good, bad],
    ]);
    expect(rows).toEqual([]);
  });

  it('refuses a bad payload added straight to the queue, and a park’s job without its park', async () => {
    if (skip) return;
    await expect(
      addJob(runner.queue, rebuildDashboardsJob, { districtId: 'qianjiang' }, { jobId: 'rebuild-bad' }),
    ).rejects.toThrow('job dashboard.rebuild: invalid payload: districtId: must be a UUID');
    // Into the outbox the row's park is the job's; straight into the queue nothing adds it.
    await expect(
      addJob(runner.queue, convertPdfJob, { issuedDocumentId: randomUUID() }, { jobId: 'pdf-no-park' }),
    ).rejects.toThrow('job document.convertPdf: invalid payload: parkId: is required');
    expect(await runner.queue.getJob('rebuild-bad')).toBeUndefined();
    expect(await runner.queue.getJob('pdf-no-park')).toBeUndefined();
  });

  it('fails a job whose stored payload is invalid at once, without retries, and says why on the failed jobs list', async () => {
    if (skip) return;
    // Rows as SQL writes them (the cases trigger, a migration, an older version of the API).
    const rows: [string, string, Record<string, unknown>][] = [
      [
        'case.superviseOverdue',
        'bad-supervise',
        { caseId: 'nope', dueOn: '2026-13-01', stage: 'departmentReply' },
      ],
      ['dashboard.refreshCase', 'bad-refresh', { caseId: 42, reason: 'typo' }],
      ['case.teleport', 'unknown-job', {}],
      ['dashboard.rebuild', 'good-rebuild', {}],
    ];
    for (const [name, key, data] of rows)
      await api.owner.query(`INSERT INTO outbox (park_id, job_name, job_key, data) VALUES ($1, $2, $3, $4)`, [
        parkId,
        name,
        key,
        JSON.stringify(data),
      ]);
    await runner.start({ work: true, concurrency: 2 });
    await until(
      async () => (await runner.queue.getJobCounts('failed', 'completed')).failed === 3,
      'the three bad jobs to fail',
    );
    await until(
      async () => (await (await runner.queue.getJob('good-rebuild'))?.isCompleted()) === true,
      'the good job',
    );

    const platform = await api.login('platform');
    const listed = await api.gql<{ failedJobs: { edges: { node: { id: string } }[] } }>(FAILED, {}, platform);
    expect(listed.errors).toBeUndefined();
    // One attempt each, of the six a job has: the queue did not try them again.
    expect(nodesOf(listed.data!.failedJobs).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      {
        id: 'bad-refresh',
        name: 'dashboard.refreshCase',
        parkId,
        data: { caseId: 42, reason: 'typo' },
        failedReason:
          'job dashboard.refreshCase: invalid payload: caseId: must be a UUID; (payload): Unrecognized key: "reason"',
        attemptsMade: 1,
      },
      {
        id: 'bad-supervise',
        name: 'case.superviseOverdue',
        parkId,
        data: { caseId: 'nope', dueOn: '2026-13-01', stage: 'departmentReply' },
        failedReason:
          'job case.superviseOverdue: invalid payload: caseId: must be a UUID; dueOn: must be a day YYYY-MM-DD',
        attemptsMade: 1,
      },
      {
        id: 'unknown-job',
        name: 'case.teleport',
        parkId,
        data: {},
        failedReason: 'no handler for job case.teleport',
        attemptsMade: 1,
      },
    ]);
    const job = await runner.queue.getJob('bad-supervise');
    expect(job!.opts.attempts).toBe(6);
  });
});
