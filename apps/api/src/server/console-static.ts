import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';

const API_PATHS = ['/graphql', '/health', '/api'];

/**
 * Serves the built console from the same origin as the API (no CORS), with the SPA fallback:
 * any other GET that wants HTML gets index.html and the console's router takes over.
 */
export function serveConsole(app: NestExpressApplication, dir: string): boolean {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) return false;
  app.use(
    '/assets',
    express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  app.use(express.static(dir, { index: false, maxAge: 0 }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isApi = API_PATHS.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`));
    if (req.method !== 'GET' || isApi || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
