import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { MIGRATIONS_TABLE } from '../database/data-sources.js';
import { MIGRATIONS } from '../database/migrations/index.js';
import { Scope, TenantDb } from '../database/tenant-db.js';

/** For load balancers and operators: is the database reachable, and is its schema current? */
@Controller('health')
export class HealthController {
  constructor(@Inject(TenantDb) private readonly db: TenantDb) {}

  @Get()
  async health(@Res() res: Response): Promise<void> {
    try {
      const rows = (await this.db.run(Scope.anonymous(), (em) =>
        em.query(`SELECT name FROM ${MIGRATIONS_TABLE}`),
      )) as { name: string }[];
      const applied = new Set(rows.map((row) => row.name));
      const pending = MIGRATIONS.map((migration) => migration.name).filter((name) => !applied.has(name));
      const ok = pending.length === 0;
      res.status(ok ? 200 : 503).json({
        status: ok ? 'ok' : 'migrations-pending',
        database: 'up',
        migrations: { applied: applied.size, pending },
      });
    } catch {
      res.status(503).json({ status: 'database-unreachable', database: 'down' });
    }
  }
}
