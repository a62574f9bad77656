import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, startTestApi, type TestApi, nodesOf } from '../../__tests__/support/test-api.js';
import { openQueue, openWorker, type JobQueue, type JobWorker } from '../queue.js';

const FAILED = `{ failedJobs { edges { node { id name parkId data failedReason attemptsMade } } } jobCounts { failed waiting } }`;

describe('failed jobs for platform administrators', () => {
  let api: TestApi;
  let queue: JobQueue;
  let worker: JobWorker;
  const queueName = `test-${randomBytes(4).toString('hex')}`;
  let platform: string;
  const attemptsSeen: string[] = [];

  beforeAll(async () => {
    api = await startTestApi(
      {},
      { jobQueue: (url) => (queue = openQueue({ kind: 'postgres', url }, queueName)) },
    );
    // A worker whose handler fails the first time each job runs, as a gateway that was down would.
    worker = openWorker(
      { kind: 'postgres', url: api.ownerUrl },
      async (job) => {
        attemptsSeen.push(String(job.id));
        if (attemptsSeen.filter((id) => id === job.id).length === 1)
          throw new Error('短信网关无响应 / gateway timeout');
        return 'sent';
      },
      { name: queueName, concurrency: 1 },
    );
    platform = await api.login('platform');
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  async function failedJob(id: string) {
    await queue.add('notification.deliver', { parkId: null, deliveryId: id }, { jobId: id, attempts: 1 });
    for (let i = 0; i < 200; i++) {
      const job = await queue.getJob(id);
      if (job && (await job.isFailed())) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`job ${id} did not fail`);
  }

  it('lists a failed job with its error, and retries it until it succeeds', async () => {
    await failedJob('deliver-1');
    const listed = await api.gql(FAILED, {}, platform);
    expect(listed.errors).toBeUndefined();
    expect(nodesOf(listed.data!.failedJobs)).toEqual([
      {
        id: 'deliver-1',
        name: 'notification.deliver',
        parkId: null,
        data: { deliveryId: 'deliver-1' },
        failedReason: '短信网关无响应 / gateway timeout',
        attemptsMade: 1,
      },
    ]);
    expect(listed.data!.jobCounts.failed).toBe(1);

    const retried = await api.gql(`mutation { retryJob(input: { id: "deliver-1" }) }`, {}, platform);
    expect(retried.data).toEqual({ retryJob: true });
    for (let i = 0; i < 200 && !(await (await queue.getJob('deliver-1'))?.isCompleted()); i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await (await queue.getJob('deliver-1'))!.isCompleted()).toBe(true);
    expect(nodesOf((await api.gql(FAILED, {}, platform)).data!.failedJobs)).toEqual([]);
    const { rows } = await api.owner.query(
      `SELECT action, subject_id FROM platform_audit_events WHERE subject_type = 'Job'`,
    );
    expect(rows).toEqual([{ action: 'job.retried', subject_id: 'deliver-1' }]);
  });

  it('discards a failed job; a job that has not failed cannot be retried or discarded', async () => {
    await failedJob('deliver-2');
    expect((await api.gql(`mutation { discardJob(input: { id: "deliver-2" }) }`, {}, platform)).data).toEqual(
      {
        discardJob: true,
      },
    );
    expect(await queue.getJob('deliver-2')).toBeUndefined();
    expect(errorCode(await api.gql(`mutation { retryJob(input: { id: "deliver-2" }) }`, {}, platform))).toBe(
      'NOT_FOUND',
    );
    expect(
      errorCode(await api.gql(`mutation { discardJob(input: { id: "deliver-1" }) }`, {}, platform)),
    ).toBe('NOT_FOUND');
  });

  it('is for platform administrators only', async () => {
    for (const user of ['zy.admin', 'zy.staff']) {
      const token = await api.login(user);
      expect(errorCode(await api.gql(FAILED, {}, token))).toBe('FORBIDDEN');
      expect(errorCode(await api.gql(`mutation { retryJob(input: { id: "x" }) }`, {}, token))).toBe(
        'FORBIDDEN',
      );
    }
  });
});
