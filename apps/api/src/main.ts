import v8 from 'node:v8';
import 'reflect-metadata';
import { pino } from 'pino';
import { exitOnSignals, loadConfigOrExit, startProcess } from './common/process-lifecycle.js';
import { CaseService } from './cases/case.service.js';
import { systemClock } from './common/clock.js';
import { appDataSource, prepareDatabase } from './database/data-sources.js';
import { TenantDb } from './database/tenant-db.js';
import { DEMO_PASSWORD, seedDemo } from './seed/demo-seed.js';
import { warnOfSharedSecretNames } from './rules/webhook-secret-scope.js';
import { deadlinePolicyFrom, JobRunner } from './jobs/job-runner.js';
import { deliveryOptionsFrom, NotificationDelivery } from './notifications/notification-delivery.js';
import { NotificationService } from './notifications/notification.service.js';
import { openQueue, queueBackendOf } from './jobs/queue.js';
import { createServer } from './server/create-server.js';
import { checkPdfConversion, PdfConverter } from './documents/pdf-converter.js';
import { AttachmentService } from './attachments/attachment.service.js';
import { IssuedDocumentService } from './documents/issued-document.service.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // V8 reads it at every full collection, so it applies from here on (see the setting).
  if (config.HEAP_GROWING_PERCENT > 0)
    v8.setFlagsFromString(`--heap-growing-percent=${config.HEAP_GROWING_PERCENT}`);
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'qifu-api' } });

  const { appUrl, migrated } = await prepareDatabase(config);
  if (migrated.length > 0) logger.info({ migrations: migrated }, 'database migrated');

  const dataSource = appDataSource(appUrl, config.DB_POOL_SIZE);
  await dataSource.initialize();

  if (config.QIFU_SEED === 'demo') {
    const { accounts } = await seedDemo(new TenantDb(dataSource));
    const rows = accounts.map((a) => `  ${a.username.padEnd(12)} ${a.role.padEnd(26)} ${a.displayName}`);
    // Printed for people, not for the log pipeline.
    console.log(`\nDemo accounts (password ${DEMO_PASSWORD}):\n${rows.join('\n')}\n`);
  }

  // Parks onboarded before codes were checked may share webhook secret names: the operator must know.
  await warnOfSharedSecretNames(new TenantDb(dataSource), logger);

  const backend = queueBackendOf(config);
  const jobQueue = openQueue(backend);
  const app = await createServer({ config, dataSource, logger, clock: systemClock, jobQueue });
  const tightened = await app.get(AttachmentService).storage.prepare();
  if (tightened > 0)
    logger.info({ entries: tightened }, 'stored files made private (0600 files, 0700 directories)');
  await checkPdfConversion(app.get(PdfConverter), config, (message) => logger.warn(message));
  await app.listen(config.PORT, config.HOST);
  logger.info({ port: config.PORT, host: config.HOST }, 'qifu api listening');

  // Jobs leave the outbox from here right after their commit; with WORKER_IN_API (one-process
  // installations) this process also works them off, else `npm run worker` does.
  const jobs = new JobRunner({
    db: new TenantDb(dataSource),
    cases: app.get(CaseService),
    notifications: app.get(NotificationService),
    delivery: new NotificationDelivery(new TenantDb(dataSource), deliveryOptionsFrom(config)),
    policy: deadlinePolicyFrom(config),
    storage: app.get(AttachmentService).storage,
    pdfConverter: app.get(PdfConverter),
    documents: app.get(IssuedDocumentService),
    clock: systemClock,
    logger: logger.child({ component: 'jobs' }),
    backend,
    queue: jobQueue,
  });
  await jobs.start({ work: config.WORKER_IN_API, sweepEveryMinutes: config.DEADLINE_SWEEP_MINUTES });
  logger.info({ queue: backend.kind, worker: config.WORKER_IN_API }, 'jobs started');

  exitOnSignals(logger, {
    message: 'shutting down',
    graceMs: 10_000,
    shutDown: async () => {
      // Jobs first: those in progress finish while LibreOffice (closed with the app) is still there.
      await jobs.stop();
      await app.close();
      await dataSource.destroy();
    },
  });
}

startProcess('qifu api', main);
