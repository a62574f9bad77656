import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { testJobDeps } from '../../__tests__/support/job-deps.js';
import { savedEnterpriseId, signInAll } from '../../__tests__/support/park-session.js';
import { caseReport, registeredCase } from '../../__tests__/support/case-acts.js';
import { startSmtp } from '../../__tests__/support/smtp.js';
import { redisAvailable, REDIS_URL, until } from '../../__tests__/support/queue-backends.js';
import { ManualClock } from '../../common/clock.js';
import { Scope } from '../../database/tenant-db.js';
import { DAILY_DIGEST, DEADLINE_SWEEP, sweepDeadlinesJob } from '../deadline-jobs.js';
import { NotificationDelivery } from '../../notifications/notification-delivery.js';
import { JobRunner, type JobRunnerDeps } from '../job-runner.js';
import { enqueueJob, OutboxJob } from '../outbox.js';
import { openWorker, type QueueBackend } from '../queue.js';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

const ACT = (name: string) =>
  `mutation($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { id version status deadlines { stage dueOn doneOn } } }`;

describe.each(['postgres', 'redis'] as const)('deadline jobs on %s', (kind) => {
  let api: TestApi;
  let backend: QueueBackend;
  let skip = false;
  const tokens: Record<string, string> = {};
  let departmentId: string;
  let bureauId: string;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    if (kind === 'redis' && !(await redisAvailable('deadline jobs'))) {
      skip = true;
      return;
    }
    api = await startTestApi();
    backend = kind === 'redis' ? { kind, url: REDIS_URL } : { kind, url: api.ownerUrl };
    await signInAll(api, ['zy.staff', 'zy.leader', 'zy.deputy', 'zy.handler', 'zy.head'], tokens);
    bureauId = (await api.owner.query(`SELECT id FROM departments WHERE code = 'DISTRICT_TAXATION'`)).rows[0]
      .id;
    smtp = await startSmtp();
    await api.owner.query(`UPDATE users SET email = 'head@zhengyang.example' WHERE username = 'zy.head'`);
    departmentId = (await api.owner.query(`SELECT id FROM departments WHERE code = 'ECONOMIC_DEVELOPMENT'`))
      .rows[0].id;
  });
  afterAll(async () => {
    await smtp?.close();
    await api?.close();
  });

  /** A case of the park assigned to one department: its reply deadline is running. */
  async function assignedCase(route: 'PARK' | 'DISTRICT' = 'PARK'): Promise<{
    id: string;
    dueOn: string;
    act: (user: string, name: string, input?: Record<string, unknown>) => Promise<void>;
  }> {
    const enterpriseId = await savedEnterpriseId(api, tokens['zy.staff']);
    let c = await registeredCase(
      api,
      tokens['zy.staff'],
      caseReport('recruitment', { enterpriseId }),
      'id version',
    );
    const act = async (user: string, name: string, input: Record<string, unknown> = {}) => {
      const result = await api.gql(
        ACT(name),
        { input: { caseId: c.id, version: c.version, ...input } },
        tokens[user],
      );
      if (result.errors) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
      c = result.data![name];
    };
    await act('zy.staff', 'verifyCase', { notes: '已核实' });
    if (route === 'PARK') {
      await act('zy.staff', 'screenCase', {
        jurisdiction: 'PARK',
        major: false,
        policyHeavy: false,
        leadDepartmentId: departmentId,
        opinion: '交办',
      });
      await act('zy.leader', 'approveCase');
    } else {
      await act('zy.staff', 'screenCase', {
        jurisdiction: 'DISTRICT',
        major: false,
        policyHeavy: false,
        referredDepartmentIds: [bureauId],
        opinion: '函告区级部门',
      });
      await act('zy.deputy', 'approveCase');
    }
    const running = (c.deadlines as { stage: string; dueOn: string; doneOn: string | null }[]).find(
      (d) => d.doneOn === null,
    )!;
    expect(running.stage).toBe(route === 'PARK' ? 'departmentReply' : 'referralReply');
    return { id: c.id, dueOn: running.dueOn, act };
  }

  /** Noon in China, `days` calendar days after an ISO date. */
  const daysAfter = (date: string, days: number) =>
    new Date(new Date(`${date}T12:00:00+08:00`).getTime() + days * 86_400_000);

  function deps(clock: ManualClock, queueName: string, queueBackend = backend): JobRunnerDeps {
    return {
      ...testJobDeps(api, clock),
      delivery: new NotificationDelivery(api.db, {
        smtp: {
          url: `smtp://127.0.0.1:${smtp.port}`,
          from: '正阳园区企业服务中心 <service@zhengyang.example>',
        },
      }),
      logger,
      backend: queueBackend,
      queueName,
    };
  }

  function runner(clock: ManualClock, queueName: string): JobRunner {
    return new JobRunner(deps(clock, queueName));
  }

  /** Who got a notification of this kind about the case (one row per notification). */
  async function inboxOf(caseId: string, kind: string): Promise<string[]> {
    const { rows } = await api.owner.query(
      `SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.case_id = $1 AND n.kind = $2 ORDER BY u.username`,
      [caseId, kind],
    );
    return rows.map((r) => r.username as string);
  }

  /** Waits for a job, then for everything it caused: nothing left in the outbox or the queue. */
  async function settled(jobs: JobRunner, jobId: string): Promise<void> {
    await until(async () => (await (await jobs.queue.getJob(jobId))?.isCompleted()) === true, `job ${jobId}`);
    await until(async () => {
      const pending = await api.owner.query(`SELECT 1 FROM outbox WHERE dispatched_at IS NULL`);
      // Delayed jobs are the schedulers' next runs (the morning digest), not what this job caused.
      const counts = await jobs.queue.getJobCounts('waiting', 'active');
      return pending.rowCount === 0 && counts.waiting + counts.active === 0;
    }, `what job ${jobId} caused`);
  }

  async function supervision(caseId: string) {
    const events = await api.owner.query(
      `SELECT data FROM case_events WHERE case_id = $1 AND type = 'OverdueSupervised'`,
      [caseId],
    );
    const letters = await api.owner.query(
      `SELECT number FROM case_documents WHERE case_id = $1 AND kind = 'SUPERVISION_LETTER'`,
      [caseId],
    );
    return { events: events.rows, letters: letters.rows.map((r) => r.number as string) };
  }

  it('a case past its reply deadline is supervised by the park itself, once, however often the sweep runs', async () => {
    if (skip) return;
    const c = await assignedCase();
    const queueName = `test-${randomBytes(4).toString('hex')}`;
    // Before the deadline: the sweep finds nothing to do.
    const clock = new ManualClock(daysAfter(c.dueOn, 0));
    const jobs = runner(clock, queueName);
    await jobs.start({ work: true, concurrency: 2 });
    try {
      await jobs.queue.add(DEADLINE_SWEEP, {}, { jobId: 'sweep-on-due-date' });
      await settled(jobs, 'sweep-on-due-date');
      expect((await supervision(c.id)).events).toEqual([]);
      // On the due date the department is reminded instead.
      expect(await inboxOf(c.id, 'DEADLINE_REMINDER')).toEqual(
        expect.arrayContaining(['zy.head', 'zy.handler']),
      );

      // Two days later the reply is late.
      clock.set(daysAfter(c.dueOn, 2));
      await jobs.queue.add(DEADLINE_SWEEP, {}, { jobId: 'sweep-late-1' });
      await until(async () => (await supervision(c.id)).letters.length > 0, 'the supervision letter');
      await jobs.queue.add(DEADLINE_SWEEP, {}, { jobId: 'sweep-late-2' });
      await settled(jobs, 'sweep-late-2');
      // The same job delivered twice (a retry after a crash) changes nothing either.
      const { rows: park } = await api.owner.query(`SELECT park_id FROM cases WHERE id = $1`, [c.id]);
      await jobs.queue.add(
        'case.superviseOverdue',
        { parkId: park[0].park_id, caseId: c.id, dueOn: c.dueOn },
        { jobId: 'delivered-again' },
      );
      await settled(jobs, 'delivered-again');

      const { events, letters } = await supervision(c.id);
      expect(events).toEqual([{ data: expect.objectContaining({ dueOn: c.dueOn }) }]);
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatch(/^正阳园区管委督〔\d{4}〕\d+号$/);
      const { rows: timeline } = await api.owner.query(
        `SELECT actor_user_id FROM case_events WHERE case_id = $1 AND type = 'OverdueSupervised'`,
        [c.id],
      );
      expect(timeline).toEqual([{ actor_user_id: null }]);

      // The department's head and the approving leader are told, once each, in the console and by e-mail.
      const inbox = await inboxOf(c.id, 'OVERDUE_SUPERVISION');
      expect(inbox).toEqual(expect.arrayContaining(['zy.head', 'zy.leader']));
      expect(new Set(inbox).size).toBe(inbox.length);
      const { rows: number } = await api.owner.query(`SELECT registration_no FROM cases WHERE id = $1`, [
        c.id,
      ]);
      const registrationNo = number[0].registration_no as string;
      const { rows: titles } = await api.owner.query(
        `SELECT DISTINCT title FROM notifications WHERE case_id = $1 AND kind = 'OVERDUE_SUPERVISION'`,
        [c.id],
      );
      expect(titles).toEqual([{ title: `超期督办：${registrationNo}` }]);
      // By e-mail too (the head has an address): the reminder on the due date, then the supervision.
      const mails = () =>
        smtp.received
          .filter((m) => m.mail.subject?.endsWith(registrationNo))
          .map((m) => ({
            to: m.rcptTo,
            subject: m.mail.subject,
            supervised: m.mail.text?.includes('已发函督办'),
          }));
      await until(async () => mails().length >= 2, 'the e-mails');
      expect(mails()).toEqual([
        { to: ['head@zhengyang.example'], subject: `办理时限提醒：${registrationNo}`, supervised: false },
        { to: ['head@zhengyang.example'], subject: `超期督办：${registrationNo}`, supervised: true },
      ]);
      expect((await jobs.queue.getJobCounts('failed')).failed).toBe(0);
    } finally {
      await jobs.stop();
    }
  });

  it('a worker that dies after the act but before finishing the job: the job runs again, the act happens once', async () => {
    if (skip) return;
    const c = await assignedCase();
    const clock = new ManualClock(daysAfter(c.dueOn, 2));
    const queueName = `test-${randomBytes(4).toString('hex')}`;
    const jobs = runner(clock, queueName);
    await jobs.start({ work: false }); // the dispatcher; the two workers below do the work
    let actedThenHung = false;
    // The first worker does the job's work, then never finishes it, as a process killed at that
    // moment: its claim on the job lapses after a second.
    const dying = openWorker(
      backend,
      async (job) => {
        await jobs.process(job);
        if (job.name === 'case.superviseOverdue') {
          actedThenHung = true;
          await new Promise(() => undefined);
        }
      },
      { name: queueName, concurrency: 1, lockDurationMs: 1000, stalledIntervalMs: 500 },
    );
    try {
      await jobs.process({ name: DEADLINE_SWEEP, data: {}, id: 'sweep' });
      await until(async () => actedThenHung, 'the first worker to act');
      await dying.close(true);
      expect((await supervision(c.id)).letters).toHaveLength(1);

      const survivor = openWorker(backend, (job) => jobs.process(job), {
        name: queueName,
        concurrency: 1,
        lockDurationMs: 1000,
        stalledIntervalMs: 500,
      });
      try {
        const jobId = `supervise/${c.id}/${c.dueOn}`;
        await until(
          async () => (await (await jobs.queue.getJob(jobId))?.isCompleted()) === true,
          'the job, taken up again',
          30_000,
        );
        const { events, letters } = await supervision(c.id);
        expect([events.length, letters.length]).toEqual([1, 1]);
        const inbox = await inboxOf(c.id, 'OVERDUE_SUPERVISION');
        expect(new Set(inbox).size).toBe(inbox.length);
        expect(inbox).toEqual(expect.arrayContaining(['zy.head', 'zy.leader']));
      } finally {
        await survivor.close();
      }
    } finally {
      await jobs.stop();
    }
  });

  it('an unanswered referral letter is chased at once, and supervised after the grace period', async () => {
    if (skip) return;
    const c = await assignedCase('DISTRICT');
    const clock = new ManualClock(daysAfter(c.dueOn, 1));
    const jobs = runner(clock, `test-${randomBytes(4).toString('hex')}`);
    await jobs.start({ work: true, concurrency: 2 });
    try {
      await jobs.queue.add(DEADLINE_SWEEP, {}, { jobId: 'day-after' });
      await settled(jobs, 'day-after');
      expect(await inboxOf(c.id, 'REFERRAL_UNANSWERED')).toContain('zy.staff');
      expect((await supervision(c.id)).letters).toEqual([]);
      // Well past two more working days (12 calendar days: even across a week of holidays).
      clock.set(daysAfter(c.dueOn, 12));
      await jobs.queue.add(DEADLINE_SWEEP, {}, { jobId: 'after-grace' });
      await settled(jobs, 'after-grace');
      const { letters } = await supervision(c.id);
      expect(letters).toHaveLength(1);
      const { rows } = await api.owner.query(
        `SELECT d.code FROM case_documents cd JOIN departments d ON d.id = cd.department_id
          WHERE cd.case_id = $1 AND cd.kind = 'SUPERVISION_LETTER'`,
        [c.id],
      );
      expect(rows).toEqual([{ code: 'DISTRICT_TAXATION' }]);
      expect((await inboxOf(c.id, 'REFERRAL_UNANSWERED')).filter((u) => u === 'zy.staff')).toHaveLength(1);
    } finally {
      await jobs.stop();
    }
  });

  it('a supervision job for a deadline the case has moved past does nothing', async () => {
    if (skip) return;
    const c = await assignedCase();
    await c.act('zy.handler', 'startHandling');
    await c.act('zy.handler', 'submitResult', { replyToEnterprise: '已答复企业', result: '已办理' });
    await c.act('zy.head', 'reviewResult', { approved: true });
    const jobs = runner(new ManualClock(daysAfter(c.dueOn, 5)), `test-${randomBytes(4).toString('hex')}`);
    try {
      const parkId = (await api.owner.query(`SELECT park_id FROM cases WHERE id = $1`, [c.id])).rows[0]
        .park_id;
      expect(
        await jobs.process({
          name: 'case.superviseOverdue',
          data: { parkId, caseId: c.id, dueOn: c.dueOn },
          id: 'late',
        }),
      ).toBe('not-due');
      expect((await supervision(c.id)).letters).toEqual([]);
    } finally {
      await jobs.stop();
    }
  });

  it('each morning a person gets one digest of the cases waiting for them', async () => {
    if (skip) return;
    const first = await assignedCase();
    const second = await assignedCase();
    // The morning both are due (same day of assignment): the department's people get them listed.
    const clock = new ManualClock(daysAfter(first.dueOn, 0));
    const jobs = runner(clock, `test-${randomBytes(4).toString('hex')}`);
    try {
      await jobs.process({ name: DAILY_DIGEST, data: {}, id: 'digest-1' });
      await jobs.process({ name: DAILY_DIGEST, data: {}, id: 'digest-2' });
      const { rows } = await api.owner.query(
        `SELECT u.username, n.title, n.body FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE n.kind = 'DAILY_DIGEST' AND u.username = 'zy.head'`,
      );
      expect(rows).toHaveLength(1);
      const numbers = (
        await api.owner.query(`SELECT registration_no FROM cases WHERE id = ANY($1)`, [[first.id, second.id]])
      ).rows.map((r) => r.registration_no as string);
      for (const number of numbers) expect(rows[0].body).toContain(number);
      expect(rows[0].title).toMatch(/^每日待办：\d+件$/);
    } finally {
      await jobs.stop();
    }
  });

  it('a job exists if and only if its change committed, and one left behind by a crash is dispatched later', async () => {
    if (skip) return;
    const parkId = (await api.owner.query(`SELECT id FROM parks WHERE code = 'zhengyang'`)).rows[0]
      ?.id as string;
    const scope = Scope.park(parkId);
    const key = `probe-${randomBytes(4).toString('hex')}`;
    await expect(
      api.db.run(scope, async (em) => {
        await enqueueJob(em, OutboxJob.of(sweepDeadlinesJob, { key: `${key}-rolled-back`, data: {} }));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    // Committed while no dispatcher runs: as if the process died right after the commit.
    await api.db.run(scope, (em) => enqueueJob(em, OutboxJob.of(sweepDeadlinesJob, { key, data: {} })));
    const { rows } = await api.owner.query(
      `SELECT job_key, dispatched_at FROM outbox WHERE job_key LIKE $1`,
      [`${key}%`],
    );
    expect(rows).toEqual([{ job_key: key, dispatched_at: null }]);

    const jobs = runner(new ManualClock(new Date()), `test-${randomBytes(4).toString('hex')}`);
    await jobs.start({ work: false });
    try {
      await until(async () => (await jobs.queue.getJob(key)) !== undefined, 'the recovered job');
      expect(await jobs.queue.getJob(`${key}-rolled-back`)).toBeUndefined();
      // The dispatcher marks the row once the queue has taken the job: a moment after it shows there.
      const dispatchedAt = async () =>
        (await api.owner.query(`SELECT dispatched_at FROM outbox WHERE job_key = $1`, [key])).rows[0]
          .dispatched_at as Date | null;
      await until(async () => (await dispatchedAt()) !== null, 'the outbox row marked as dispatched');
      expect(await dispatchedAt()).not.toBeNull();
    } finally {
      await jobs.stop();
    }
  });

  it('two workers on one queue supervise each overdue case once', async () => {
    if (skip) return;
    const cases = [await assignedCase(), await assignedCase(), await assignedCase()];
    const clock = new ManualClock(daysAfter(cases[0].dueOn, 3));
    const queueName = `test-${randomBytes(4).toString('hex')}`;
    const first = runner(clock, queueName);
    const second = runner(clock, queueName);
    await first.start({ work: true, concurrency: 3 });
    await second.start({ work: true, concurrency: 3 });
    try {
      // Both sweep: the outbox keys make it one job per case and deadline.
      await Promise.all([
        first.process({ name: DEADLINE_SWEEP, data: {}, id: 'a' }),
        second.process({ name: DEADLINE_SWEEP, data: {}, id: 'b' }),
      ]);
      for (const c of cases)
        await until(async () => (await supervision(c.id)).letters.length > 0, `supervision of ${c.id}`);
      for (const c of cases) {
        const { events, letters } = await supervision(c.id);
        expect([events.length, letters.length]).toEqual([1, 1]);
      }
    } finally {
      await first.stop();
      await second.stop();
    }
  });

  // Only Redis is a separate service that can be away while PostgreSQL serves.
  (kind === 'redis' ? it : it.skip)(
    'while the queue is unreachable the jobs wait in the outbox, and go out when it is back',
    async () => {
      if (skip) return;
      const target = new URL(REDIS_URL);
      const sockets = new Set<net.Socket>();
      const proxy = net.createServer((client) => {
        const upstream = net.connect({ host: target.hostname, port: Number(target.port || 6379) });
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => undefined);
          s.on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      const port = (proxy.address() as net.AddressInfo).port;
      const down = async () => {
        await new Promise<void>((resolve) => {
          proxy.close(() => resolve());
          for (const s of sockets) s.destroy();
        });
      };

      const c = await assignedCase();
      const clock = new ManualClock(daysAfter(c.dueOn, 2));
      const jobs = new JobRunner(
        deps(clock, `test-${randomBytes(4).toString('hex')}`, {
          kind: 'redis',
          url: `redis://127.0.0.1:${port}`,
        }),
      );
      await jobs.start({ work: true, pollMs: 200 });
      try {
        await jobs.queue.getJobCounts(); // connected, as a running system is
        await down();
        // The sweep runs (as the scheduler would) while the queue is down: the job waits in the outbox.
        await jobs.process({ name: DEADLINE_SWEEP, data: {}, id: 'sweep' });
        const pending = async () =>
          (
            await api.owner.query(`SELECT dispatched_at FROM outbox WHERE job_key = $1`, [
              `supervise/${c.id}/${c.dueOn}`,
            ])
          ).rows;
        await jobs.dispatcher.drain();
        expect(await pending()).toEqual([{ dispatched_at: null }]);
        // The API itself does not depend on the queue.
        const ledger = await api.gql(`{ ledger(first: 1) { totalCount } }`, {}, tokens['zy.staff']);
        expect(ledger.errors).toBeUndefined();

        await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
        await until(
          async () => (await supervision(c.id)).letters.length > 0,
          'the supervision after the outage',
          30_000,
        );
        expect((await pending())[0].dispatched_at).not.toBeNull();
        expect((await supervision(c.id)).events).toHaveLength(1);
      } finally {
        await jobs.stop();
        await down();
      }
    },
  );
});
