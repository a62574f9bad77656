import 'reflect-metadata';
import { pino } from 'pino';
import { CaseService } from './cases/case.service.js';
import { systemClock } from './common/clock.js';
import { exitOnSignals, loadConfigOrExit, startProcess } from './common/process-lifecycle.js';
import { appDataSource, prepareDatabase } from './database/data-sources.js';
import { TenantDb } from './database/tenant-db.js';
import { deadlinePolicyFrom, JobRunner } from './jobs/job-runner.js';
import { deliveryOptionsFrom, NotificationDelivery } from './notifications/notification-delivery.js';
import { NotificationService } from './notifications/notification.service.js';
import { queueBackendOf } from './jobs/queue.js';
import { attachmentStorageFrom } from './attachments/storage-from-config.js';
import { pdfConverterFrom } from './documents/pdf-converter.js';
import { issuedDocumentServiceFrom } from './documents/issued-document.service.js';
import { templateOptionsFrom } from './documents/document-template.service.js';

/** `npm run worker`: works off the job queue beside one or more API processes (same environment). */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'qifu-worker' } });
  const { appUrl } = await prepareDatabase(config, { appRolePassword: 'keep' });
  const dataSource = appDataSource(appUrl, config.DB_POOL_SIZE);
  await dataSource.initialize();
  const db = new TenantDb(dataSource);
  const backend = queueBackendOf(config);
  const storage = attachmentStorageFrom(config);
  await storage.prepare();
  const documents = issuedDocumentServiceFrom(
    db,
    storage,
    systemClock,
    config.PDF_CONVERSION,
    templateOptionsFrom(config, logger),
  );
  const pdfConverter = pdfConverterFrom(config, (message) => logger.info({ component: 'pdf' }, message));
  const jobs = new JobRunner({
    db,
    cases: new CaseService(db, systemClock),
    notifications: new NotificationService(db),
    delivery: new NotificationDelivery(db, deliveryOptionsFrom(config)),
    policy: deadlinePolicyFrom(config),
    storage,
    pdfConverter,
    documents,
    clock: systemClock,
    logger,
    backend,
  });
  await jobs.start({ work: true, sweepEveryMinutes: config.DEADLINE_SWEEP_MINUTES });
  logger.info({ queue: backend.kind }, 'qifu worker started');

  exitOnSignals(logger, {
    message: 'worker shutting down',
    graceMs: 30_000,
    shutDown: async () => {
      // Jobs in progress finish first; an interrupted one is taken up again by another worker.
      await jobs.stop();
      await pdfConverter.close();
      await dataSource.destroy();
    },
  });
}

startProcess('qifu worker', main);
