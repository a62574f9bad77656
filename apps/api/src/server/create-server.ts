import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { authMiddleware, type AuthenticatedRequest } from '../auth/auth.middleware.js';
import { SessionStates } from '../auth/session-states.js';
import { AccessTokens } from '../auth/tokens.js';
import { requestStore } from '../common/request-store.js';
import type { Clock } from '../common/clock.js';
import type { AppConfig } from '../config/config.js';
import type { JobQueue } from '../jobs/queue.js';
import { serveConsole } from './console-static.js';
import { PinoNestLogger } from './nest-logger.js';

export interface ServerDeps {
  config: AppConfig;
  dataSource: DataSource;
  logger: Logger;
  clock?: Clock;
  jobQueue?: JobQueue;
}

/** Where the built console lives unless ADMIN_DIST says otherwise: apps/admin/dist next to apps/api. */
function defaultConsoleDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../admin/dist');
}

/** The HTTP application (GraphQL, health, console), not yet listening. */
export async function createServer({
  config,
  dataSource,
  logger,
  clock,
  jobQueue,
}: ServerDeps): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, dataSource, logger, clock, jobQueue }),
    {
      logger: new PinoNestLogger(logger),
      bodyParser: true,
    },
  );
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('x-powered-by', false);
  app.useBodyParser('json', { limit: '1mb' });
  app.use(
    helmet({
      contentSecurityPolicy: {
        // No upgrade-insecure-requests: a park may serve the console over plain HTTP on its LAN.
        directives: { 'img-src': ["'self'", 'data:', 'blob:'], 'upgrade-insecure-requests': null },
      },
    }),
  );
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      customProps: (req) => {
        const actor = (req as AuthenticatedRequest).actor;
        return { userId: actor?.userId ?? null, parkId: actor?.parkId ?? null };
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/health' },
    }),
  );
  app.use((req: AuthenticatedRequest & { id?: unknown }, _res: unknown, next: () => void) => {
    requestStore.run({ requestId: String(req.id) }, next);
  });
  // The application's own instances: what a service revokes, the next request sees at once.
  app.use(authMiddleware(app.get(AccessTokens), app.get(SessionStates)));
  const consoleDir = config.ADMIN_DIST ?? defaultConsoleDir();
  if (existsSync(consoleDir)) serveConsole(app, consoleDir);
  return app;
}
