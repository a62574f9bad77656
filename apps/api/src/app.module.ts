import { randomUUID } from 'node:crypto';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { abilityFor } from './access/ability.js';
import { PermissionGuard } from './access/permission.guard.js';
import type { RequestContext } from './access/request-context.js';
import type { AuthenticatedRequest } from './auth/auth.middleware.js';
import { AttachmentController } from './attachments/attachment.controller.js';
import { AttachmentResolver } from './attachments/attachment.resolver.js';
import { AttachmentService } from './attachments/attachment.service.js';
import { attachmentStorageFrom } from './attachments/storage-from-config.js';
import { AuthResolver } from './auth/auth.resolver.js';
import { NationalCalendarResolver } from './calendar/national-calendar.resolver.js';
import { NationalCalendarService } from './calendar/national-calendar.service.js';
import { AuthService } from './auth/auth.service.js';
import { LoginLimiter } from './auth/login-limiter.js';
import { SessionStates } from './auth/session-states.js';
import { sessionLoader } from './auth/session.queries.js';
import { AccessTokens } from './auth/tokens.js';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { TenantDb } from './database/tenant-db.js';
import { DepartmentResolver } from './departments/department.resolver.js';
import { DepartmentService } from './departments/department.service.js';
import { DirectoryResolver } from './directory/directory.resolver.js';
import { DirectoryService } from './directory/directory.service.js';
import { DocumentTemplateService, templateOptionsFrom } from './documents/document-template.service.js';
import { DocumentController } from './documents/document.controller.js';
import { MonthlyReportController } from './dashboards/monthly-report.controller.js';
import { DocumentResolver } from './documents/document.resolver.js';
import { IssuedDocumentService } from './documents/issued-document.service.js';
import { DocumentBatchService } from './documents/document-batch.service.js';
import { PdfConverter, pdfConverterFrom } from './documents/pdf-converter.js';
import { ErrorsFilter } from './server/errors.filter.js';
import { withErrorCodes } from './graphql/error-code.enum.js';
import { dateLiteralPaths } from './graphql/date.scalar.js';
import { formatErrorWith } from './graphql/format-error.js';
import { inputGuard } from './graphql/input-guard.js';
import { depthLimit, requestLimits } from './graphql/limits.js';
import { inputValidationPipe } from './graphql/validation.js';
import { HealthController } from './health/health.controller.js';
import { UserResolver } from './users/user.resolver.js';
import { UserService } from './users/user.service.js';
import { ParkRulesResolver } from './rules/park-rules.resolver.js';
import { ParkRulesService } from './rules/park-rules.service.js';
import { CaseFieldsResolver } from './cases/case-fields.resolver.js';
import { CaseResolver } from './cases/case.resolver.js';
import { CaseService } from './cases/case.service.js';
import { LedgerExportController } from './cases/ledger-export.controller.js';
import { systemClock, type Clock } from './common/clock.js';
import { zipLimitsOf } from './common/safe-zip.js';
import { DashboardResolver } from './dashboards/dashboard.resolver.js';
import { DashboardService } from './dashboards/dashboard.service.js';
import { rebuildDashboardsJob } from './dashboards/dashboard-jobs.js';
import { JobResolver } from './jobs/job.resolver.js';
import { JOB_QUEUE, type JobQueue } from './jobs/queue.js';
import { computePendingDeadlinesJob } from './jobs/deadline-jobs.js';
import { addJob } from './jobs/job-definition.js';
import { EnterpriseResolver } from './enterprises/enterprise.resolver.js';
import { CircularNoticeResolver } from './notices/circular-notice.resolver.js';
import { CircularNoticeService } from './notices/circular-notice.service.js';
import { EnterpriseService } from './enterprises/enterprise.service.js';
import { NotificationDelivery, deliveryOptionsFrom } from './notifications/notification-delivery.js';
import { NotificationResolver } from './notifications/notification.resolver.js';
import { NotificationService } from './notifications/notification.service.js';
import { OfficeAccountResolver } from './offices/office-account.resolver.js';
import { OfficeAccountService } from './offices/office-account.service.js';
import { OfficeCaseResolver } from './offices/office-case.resolver.js';
import { OfficeCaseService } from './offices/office-case.service.js';

export interface AppModuleOptions {
  config: AppConfig;
  dataSource: DataSource;
  logger: Logger;
  /** Where "today" comes from for deadlines (tests move it). */
  clock?: Clock;
  /** The job queue, for its administration (failed jobs); absent where none is configured. */
  jobQueue?: JobQueue;
}

/** Every resolver class: the permission snapshot test walks this list. */
export const RESOLVERS = [
  AuthResolver,
  DirectoryResolver,
  DepartmentResolver,
  UserResolver,
  ParkRulesResolver,
  NationalCalendarResolver,
  EnterpriseResolver,
  CircularNoticeResolver,
  CaseResolver,
  CaseFieldsResolver,
  AttachmentResolver,
  DocumentResolver,
  NotificationResolver,
  JobResolver,
  DashboardResolver,
  OfficeAccountResolver,
  OfficeCaseResolver,
];

/** Every REST controller: the REST errors test walks this list. */
export const CONTROLLERS = [
  HealthController,
  AttachmentController,
  LedgerExportController,
  DocumentController,
  MonthlyReportController,
];

@Module({})
export class AppModule {
  static forRoot({
    config,
    dataSource,
    logger,
    clock = systemClock,
    jobQueue,
  }: AppModuleOptions): DynamicModule {
    const db = new TenantDb(dataSource);
    const tokens = new AccessTokens(config.JWT_SECRET);
    const rules = new ParkRulesService(db, { webhookAllowedNetworks: config.WEBHOOK_ALLOWED_NETWORKS });
    const sessions = new SessionStates(sessionLoader(db), config.SESSION_CACHE_SECONDS * 1000);
    const attachments = new AttachmentService(db, attachmentStorageFrom(config));
    // Issued files and templates are stored beside the attachments.
    const templates = new DocumentTemplateService(
      db,
      attachments.storage,
      templateOptionsFrom(config, logger),
    );
    return {
      module: AppModule,
      imports: [
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: false,
          transformSchema: withErrorCodes,
          playground: false,
          // Off unless asked for: the console's types come from the printed schema file, not from a
          // live server; "did you mean" suggestions would reveal the schema all the same.
          introspection: config.GRAPHQL_INTROSPECTION,
          hideSchemaDetailsFromClientErrors: !config.GRAPHQL_INTROSPECTION,
          includeStacktraceInErrorResponses: false,
          validationRules: [depthLimit(), dateLiteralPaths],
          // No cache hints are used; without the plugin Apollo does not wrap every field's resolver.
          plugins: [
            inputGuard(),
            requestLimits({
              maxCost: config.GRAPHQL_MAX_COST,
              maxAliases: config.GRAPHQL_MAX_ALIASES,
              maxRootFields: config.GRAPHQL_MAX_ROOT_FIELDS,
            }),
            ApolloServerPluginCacheControlDisabled(),
          ],
          formatError: formatErrorWith(logger, { hideSuggestions: !config.GRAPHQL_INTROSPECTION }),
          context: ({ req }: { req: AuthenticatedRequest }): RequestContext => {
            const actor = req.actor ?? null;
            return {
              req,
              actor,
              ability: abilityFor(actor),
              authProblem: req.authProblem ?? null,
              requestId: String(req.id ?? randomUUID()),
              ip: req.ip ?? 'unknown',
            };
          },
        }),
      ],
      controllers: CONTROLLERS,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: TenantDb, useValue: db },
        { provide: AccessTokens, useValue: tokens },
        { provide: SessionStates, useValue: sessions },
        {
          provide: AuthService,
          useValue: new AuthService(db, tokens, sessions, {
            flood: new LoginLimiter(config.LOGIN_RATE_LIMIT_PER_MINUTE),
            throttle: {
              accountFailures: config.SIGN_IN_ACCOUNT_FAILURES,
              addressFailures: config.SIGN_IN_ADDRESS_FAILURES,
              maxDelaySeconds: config.SIGN_IN_MAX_DELAY_SECONDS,
            },
            refreshReuseGraceSeconds: config.REFRESH_REUSE_GRACE_SECONDS,
            onThrottled: ({ address, retryAfterSeconds }) =>
              logger.warn(
                { event: 'sign_in_throttled', address, retryAfterSeconds },
                'sign-in attempt refused: wait',
              ),
          }),
        },
        { provide: ParkRulesService, useValue: rules },
        {
          provide: NationalCalendarService,
          useValue: new NationalCalendarService(
            db,
            clock,
            jobQueue
              ? () =>
                  addJob(
                    jobQueue,
                    computePendingDeadlinesJob,
                    {},
                    {
                      jobId: `compute-pending-deadlines-${Date.now()}`,
                    },
                  ).catch((error: unknown) =>
                    logger.warn({ err: error }, 'pending deadlines left to the next deadline sweep'),
                  )
              : null,
          ),
        },
        { provide: DirectoryService, useValue: new DirectoryService(db, rules) },
        { provide: DepartmentService, useValue: new DepartmentService(db, rules) },
        { provide: UserService, useValue: new UserService(db, sessions) },
        { provide: EnterpriseService, useValue: new EnterpriseService(db, zipLimitsOf(config)) },
        { provide: CircularNoticeService, useValue: new CircularNoticeService(db) },
        { provide: CaseService, useValue: new CaseService(db, clock) },
        { provide: JOB_QUEUE, useValue: jobQueue ?? null },
        {
          provide: DashboardService,
          useValue: new DashboardService(
            db,
            clock,
            jobQueue
              ? (districtId) =>
                  addJob(
                    jobQueue,
                    rebuildDashboardsJob,
                    { districtId },
                    { jobId: `dashboard-rebuild-${districtId}-${Date.now()}` },
                  )
              : null,
          ),
        },
        { provide: AttachmentService, useValue: attachments },
        { provide: DocumentTemplateService, useValue: templates },
        {
          provide: IssuedDocumentService,
          useValue: new IssuedDocumentService(
            db,
            attachments.storage,
            templates,
            clock,
            config.PDF_CONVERSION,
          ),
        },
        { provide: DocumentBatchService, useValue: new DocumentBatchService(db, attachments.storage, clock) },
        // LibreOffice starts at the first PDF and stops when the application closes.
        {
          provide: PdfConverter,
          useValue: pdfConverterFrom(config, (message) => logger.info({ component: 'pdf' }, message)),
        },
        { provide: NotificationService, useValue: new NotificationService(db) },
        {
          provide: NotificationDelivery,
          useValue: new NotificationDelivery(db, deliveryOptionsFrom(config)),
        },
        { provide: OfficeAccountService, useValue: new OfficeAccountService(db, sessions) },
        { provide: OfficeCaseService, useValue: new OfficeCaseService(db, clock) },
        { provide: APP_GUARD, useClass: PermissionGuard },
        { provide: APP_FILTER, useClass: ErrorsFilter },
        { provide: APP_PIPE, useFactory: inputValidationPipe },
        ...RESOLVERS,
      ],
    };
  }
}
