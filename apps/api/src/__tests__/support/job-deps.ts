import { pino } from 'pino';
import { attachmentStorageFrom } from '../../attachments/storage-from-config.js';
import { CaseService } from '../../cases/case.service.js';
import { systemClock, type Clock } from '../../common/clock.js';
import { issuedDocumentServiceFrom } from '../../documents/issued-document.service.js';
import { PdfConverter } from '../../documents/pdf-converter.js';
import type { JobDeps } from '../../jobs/job-definition.js';
import { NotificationDelivery } from '../../notifications/notification-delivery.js';
import { NotificationService } from '../../notifications/notification.service.js';
import type { TestApi } from './test-api.js';

/** A worker's services on the test API's database: no e-mail, LibreOffice only if a job asks for it. */
export function testJobDeps(api: TestApi, clock: Clock = systemClock): JobDeps {
  const storage = attachmentStorageFrom(api.config);
  return {
    db: api.db,
    cases: new CaseService(api.db, clock),
    notifications: new NotificationService(api.db),
    delivery: new NotificationDelivery(api.db, { smtp: null }),
    policy: { reminderWorkingDays: 1, referralGraceWorkingDays: 2 },
    storage,
    pdfConverter: new PdfConverter(),
    documents: issuedDocumentServiceFrom(api.db, storage, clock, 'off'),
    clock,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  };
}
