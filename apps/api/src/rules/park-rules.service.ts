import {
  addWorkingDays,
  CalendarDataMissingError,
  diffParkRules,
  InvalidArgumentError,
  InvalidDateError,
  validateParkRules,
  webhookProblems,
  type ParkRules,
  type ParkRulesChange,
  type ParkRulesValidation,
} from '@qifu/domain';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.js';
import { nationalHolidays, parkCalendar } from '../calendar/national-holidays.js';
import { isoDateInChina } from '../common/dates.js';
import { badInput, conflict, conflictFromUniqueViolation, notFound } from '../common/errors.js';
import type { TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import { syncDepartments } from './department-sync.js';
import type {
  CalendarDay,
  CalendarYear,
  ParkRulesVersion,
  PublishParkRulesInput,
  RulesValidation,
  WorkingDaysResult,
} from './park-rules.models.js';
import { parkRulesStore } from './park-rules.store.js';

export interface PublishOptions {
  baseVersion: number;
  effectiveFrom?: string;
  note?: string | null;
}

/** Rules problems as field errors of the `rules` input. */
function rulesInputError(problems: { path: string; message: string }[]) {
  return badInput(problems.map((p) => ({ path: p.path ? `rules.${p.path}` : 'rules', message: p.message })));
}

/** Domain errors about dates and day counts, as errors on the argument that caused them. */
function dateArgumentError(error: unknown, fromPath: string, daysPath: string): never {
  if (error instanceof CalendarDataMissingError) {
    throw badInput([
      { path: fromPath, message: `没有 ${error.year} 年的节假日数据 / no holiday data for ${error.year}` },
    ]);
  }
  if (error instanceof InvalidDateError)
    throw badInput([{ path: fromPath, message: 'must be a date YYYY-MM-DD' }]);
  if (error instanceof InvalidArgumentError) throw badInput([{ path: daysPath, message: error.message }]);
  throw error;
}

/** The code of the transaction's park: the rules' webhook must sign with a secret named after it. */
async function parkCodeOf(em: EntityManager): Promise<string | undefined> {
  const [park] = await rowsOf(
    em,
    kysely
      .selectFrom('parks')
      .select('code')
      .where('id', '=', sql<string>`NULLIF(current_setting('app.park_id', true), '')::uuid`),
  );
  return park?.code;
}

export interface ParkRulesServiceOptions {
  /** Networks a webhook may reach besides public addresses (WEBHOOK_ALLOWED_NETWORKS). */
  webhookAllowedNetworks?: readonly string[];
}

/**
 * A park's rules: versions, validation, publication, and the working-day calendar they define.
 * Publishing appends a version; cases keep the version they were registered under.
 */
export class ParkRulesService {
  constructor(
    private readonly db: TenantDb,
    private readonly options: ParkRulesServiceOptions = {},
  ) {}

  /** The rules validated for the transaction's park (its webhook secret, the allowed networks). */
  private async validateIn(em: EntityManager, proposed: unknown): Promise<ParkRulesValidation> {
    return validateParkRules(proposed, {
      parkCode: await parkCodeOf(em),
      webhookAllowedNetworks: this.options.webhookAllowedNetworks,
    });
  }

  version(actor: Actor, version?: number | null): Promise<ParkRulesVersion> {
    return this.db.run(actor, async (em) => {
      const found =
        version == null ? await parkRulesStore.latest(em) : await parkRulesStore.byVersion(em, version);
      if (!found) throw notFound('园区规则 / Park rules', version == null ? undefined : 'version');
      return found;
    });
  }

  versions(actor: Actor): Promise<ParkRulesVersion[]> {
    return this.db.run(actor, (em) => parkRulesStore.list(em));
  }

  diff(actor: Actor, fromVersion: number, toVersion: number): Promise<ParkRulesChange[]> {
    return this.db.run(actor, async (em) => {
      const from = await parkRulesStore.byVersion(em, fromVersion);
      if (!from) throw notFound('园区规则版本 / Rules version', 'fromVersion');
      const to = await parkRulesStore.byVersion(em, toVersion);
      if (!to) throw notFound('园区规则版本 / Rules version', 'toVersion');
      return diffParkRules(from.rules, to.rules);
    });
  }

  /** What publishing `proposed` would change, for the confirmation before publishing. */
  changes(actor: Actor, proposed: unknown): Promise<ParkRulesChange[]> {
    return this.db.run(actor, async (em) => {
      const validation = await this.validateIn(em, proposed);
      if (!validation.ok) throw rulesInputError(validation.problems);
      const latest = await parkRulesStore.latest(em);
      if (!latest) throw notFound('园区规则 / Park rules');
      return diffParkRules(latest.rules, validation.rules);
    });
  }

  validate(actor: Actor, proposed: unknown): Promise<RulesValidation> {
    return this.db.run(actor, async (em) => {
      const validation = await this.validateIn(em, proposed);
      return validation.ok ? { ok: true, problems: [] } : { ok: false, problems: validation.problems };
    });
  }

  async publish(actor: Actor, input: PublishParkRulesInput): Promise<ParkRulesVersion> {
    try {
      return await this.db.run(actor, async (em) => {
        const validation = await this.validateIn(em, input.rules);
        if (!validation.ok) throw rulesInputError(validation.problems);
        const changes = await this.publishWithin(em, actor, validation.rules, input);
        if (changes.length === 0)
          throw badInput([{ path: 'rules', message: '与当前版本相同 / nothing changed' }]);
        return (await parkRulesStore.latest(em))!;
      });
    } catch (error) {
      // Two admins publishing from the same base: the second one learns it here.
      throw conflictFromUniqueViolation(error, { park_rules_versions_version_key: 'baseVersion' }) ?? error;
    }
  }

  /**
   * Appends `rules` as the next version inside the caller's transaction and brings the department
   * rows in line. Returns the changes against the previous version (empty: nothing was appended).
   */
  async publishWithin(
    em: EntityManager,
    actor: Actor | null,
    rules: ParkRules,
    options: PublishOptions,
  ): Promise<ParkRulesChange[]> {
    // Every version passes here (console, configuration file, a new park's starter rules).
    const parkCode = await parkCodeOf(em);
    if (!parkCode) throw new Error('rules are published inside a park’s transaction (no park is set)');
    const webhook = webhookProblems(rules, {
      parkCode,
      webhookAllowedNetworks: this.options.webhookAllowedNetworks,
    });
    if (webhook.length > 0) throw rulesInputError(webhook);
    const latest = await parkRulesStore.latest(em);
    const latestVersion = latest?.version ?? 0;
    if (options.baseVersion !== latestVersion) {
      throw conflict(
        'baseVersion',
        `已有新版本 ${latestVersion} / version ${latestVersion} was published meanwhile`,
      );
    }
    const changes = latest
      ? diffParkRules(latest.rules, rules)
      : [{ path: '', kind: 'ADDED' as const, before: null, after: null }];
    if (changes.length === 0) return [];
    const today = isoDateInChina();
    const effectiveFrom =
      options.effectiveFrom ?? (latest && latest.effectiveFrom > today ? latest.effectiveFrom : today);
    if (effectiveFrom < today)
      throw badInput([{ path: 'effectiveFrom', message: 'must not be in the past' }]);
    if (latest && effectiveFrom < latest.effectiveFrom) {
      throw badInput([
        {
          path: 'effectiveFrom',
          message: `must not be before version ${latest.version} (${latest.effectiveFrom})`,
        },
      ]);
    }
    const version = latestVersion + 1;
    await parkRulesStore.append(em, {
      version,
      rules,
      effectiveFrom,
      publishedBy: actor?.userId ?? null,
      note: options.note?.trim() || null,
    });
    await syncDepartments(em, rules.departments);
    await recordAudit(em, actor, {
      action: 'park_rules.published',
      subjectType: 'ParkRules',
      subjectId: String(version),
      after: { version, effectiveFrom, changes: changes.length },
    });
    return changes;
  }

  workingDays(actor: Actor, from: string, days: number): Promise<WorkingDaysResult> {
    return this.db.run(actor, async (em) => {
      const rules = await this.rulesInEffect(em);
      try {
        const result = addWorkingDays(parkCalendar(rules, await nationalHolidays(em)), from, days);
        return { from, days, due: result.due, trace: result.trace };
      } catch (error) {
        return dateArgumentError(error, 'from', 'days');
      }
    });
  }

  calendarYear(actor: Actor, year: number): Promise<CalendarYear> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      throw badInput([{ path: 'year', message: 'must be between 2000 and 2100' }]);
    }
    return this.db.run(actor, async (em) => {
      const calendar = parkCalendar(await this.rulesInEffect(em), await nationalHolidays(em));
      if (!calendar.coveredYears().includes(year)) return { year, covered: false, days: [] };
      const days: CalendarDay[] = [];
      for (
        let day = new Date(Date.UTC(year, 0, 1));
        day.getUTCFullYear() === year;
        day.setUTCDate(day.getUTCDate() + 1)
      ) {
        days.push(calendar.describeDay(day.toISOString().slice(0, 10)));
      }
      return { year, covered: true, days };
    });
  }

  coveredYears(actor: Actor): Promise<number[]> {
    return this.db.run(actor, async (em) =>
      parkCalendar(await this.rulesInEffect(em), await nationalHolidays(em)).coveredYears(),
    );
  }

  private async rulesInEffect(em: EntityManager): Promise<ParkRules> {
    const version = await parkRulesStore.effectiveOn(em, isoDateInChina());
    if (!version) throw notFound('园区规则 / Park rules');
    return version.rules;
  }
}
