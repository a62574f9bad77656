import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  DOCX_KIND_LABELS,
  DOCX_KINDS,
  placeholderCatalogue,
  readDefaultTemplate,
  renderDocx,
  sampleData,
  validateTemplate,
  type DocxKind,
  type PlaceholderInfo,
  type TemplateProblem,
} from '@qifu/documents';
import { sql, type InferResult } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import type { AttachmentStorage } from '../attachments/attachment-storage.js';
import { recordAudit } from '../audit/audit.js';
import { notFound, templateInvalid } from '../common/errors.js';
import {
  checkZip,
  DEFAULT_ZIP_LIMITS,
  UnsafeArchive,
  zipLimitsOf,
  type ZipLimits,
} from '../common/safe-zip.js';
import type { TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf, rowsOfSql } from '../database/typed-sql.js';
import type {
  DocumentPlaceholder,
  DocumentTemplateKindInfo,
  DocumentTemplateVersion,
} from './document.models.js';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** validateTemplate refuses larger files; the upload stops reading one byte past it. */
export const TEMPLATE_MAX_BYTES = 5 * 1024 * 1024;

/** The template a document is filled from: the park's version in force, or the built-in default. */
export interface TemplateInForce {
  templateId: string | null;
  version: number | null;
  bytes: Buffer;
}

/** The park's template versions with their uploader's name. */
const templates = () =>
  kysely
    .selectFrom('document_templates as t')
    .leftJoin('users as u', 'u.id', 't.uploaded_by')
    .select([
      't.id',
      't.kind',
      't.version',
      't.file_name',
      't.size_bytes',
      't.sha256',
      't.storage_key',
      't.placeholders',
      't.uploaded_at',
      'u.display_name as uploader_name',
    ])
    // document_templates_kind_check: CHECK (kind IN (the document kinds)).
    .$narrowType<{ kind: DocxKind }>();

export const templateUrls = {
  upload: (kind: DocxKind) => `/api/document-templates/${kind}`,
  default: (kind: DocxKind) => `/api/document-templates/${kind}/default`,
  defaultPreview: (kind: DocxKind) => `/api/document-templates/${kind}/default/preview`,
  version: (id: string) => `/api/document-templates/versions/${id}`,
  preview: (id: string) => `/api/document-templates/versions/${id}/preview`,
};

/** What a refused upload answers: every problem, by name. */
export class TemplateRefused extends Error {
  constructor(readonly problems: TemplateProblem[]) {
    super(problems.map((p) => p.message).join('; '));
  }
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The whole stream, or null (and the stream closed) as soon as it passes `maxBytes`. */
async function readAtMost(stream: Readable, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Uint8Array).length;
    if (size > maxBytes) {
      stream.destroy();
      return null;
    }
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks);
}

/** A stored version refused when it was to be filled: what the operator's log says. */
export interface StoredTemplateRefusal {
  parkId: string;
  templateId: string;
  kind: DocxKind;
  version: number;
  fileName: string;
  reason: string;
}

export interface DocumentTemplateOptions {
  /** The archive limits of uploads (ZIP_*), applied again to stored versions when they are filled. */
  zipLimits?: ZipLimits;
  /** Told of every stored version refused when it was to be filled. */
  onStoredTemplateRefused?: (refusal: StoredTemplateRefusal) => void;
}

/** The options the configuration sets: its archive limits, and refusals logged for the operator. */
export function templateOptionsFrom(
  config: Parameters<typeof zipLimitsOf>[0],
  logger: { warn(fields: object, message: string): void },
): DocumentTemplateOptions {
  return {
    zipLimits: zipLimitsOf(config),
    onStoredTemplateRefused: (refusal) =>
      logger.warn(
        { event: 'stored_template_refused', ...refusal },
        `stored document template refused when filled: ${refusal.kind} version ${refusal.version} "${refusal.fileName}" (${refusal.templateId}): ${refusal.reason}`,
      ),
  };
}

/** One stored version, as it is filled. */
const storedTemplate = (id: string) =>
  kysely
    .selectFrom('document_templates')
    .select(['park_id', 'id', 'kind', 'version', 'file_name', 'storage_key'])
    // document_templates_kind_check: CHECK (kind IN (the document kinds)).
    .$narrowType<{ kind: DocxKind }>()
    .where('id', '=', id);

type StoredTemplateRow = InferResult<ReturnType<typeof storedTemplate>>[number];

/** Digests of stored versions that passed the check: versions never change, so once is enough. */
const CHECKED_MAX_ENTRIES = 1000;

function toPlaceholder(info: PlaceholderInfo): DocumentPlaceholder {
  return {
    name: info.name,
    kind: info.kind,
    tag: info.tag,
    descriptionZh: info.descriptionZh,
    descriptionEn: info.descriptionEn,
    example: info.example,
    fields: info.fields ? info.fields.map(toPlaceholder) : null,
  };
}

/** The activation in force per kind (template_id NULL: the default). */
async function activeTemplateIds(em: EntityManager): Promise<Map<string, string | null>> {
  const rows = await rowsOf(
    em,
    kysely
      .selectFrom('document_template_activations')
      .distinctOn('kind')
      .select(['kind', 'template_id'])
      .orderBy('kind')
      .orderBy('id', 'desc'),
  );
  return new Map(rows.map((r) => [r.kind, r.template_id]));
}

/**
 * The park's Word templates: uploads validated against the placeholder catalogue, a new version
 * per upload, previews with sample data, and the activation that puts a version in force.
 */
export class DocumentTemplateService {
  private readonly zipLimits: ZipLimits;
  private readonly checked = new Set<string>();

  constructor(
    private readonly db: TenantDb,
    private readonly storage: AttachmentStorage,
    private readonly options: DocumentTemplateOptions = {},
  ) {
    this.zipLimits = options.zipLimits ?? DEFAULT_ZIP_LIMITS;
  }

  list(actor: Actor): Promise<DocumentTemplateKindInfo[]> {
    return this.db.run(actor, async (em) => {
      const active = await activeTemplateIds(em);
      const rows = await rowsOf(em, templates().orderBy('t.kind').orderBy('t.version', 'desc'));
      return DOCX_KINDS.map((kind) => {
        const activeId = active.get(kind) ?? null;
        const versions = rows
          .filter((r) => r.kind === kind)
          .map((r): DocumentTemplateVersion => ({
            id: r.id,
            kind,
            version: r.version,
            fileName: r.file_name,
            sizeBytes: Number(r.size_bytes),
            sha256: r.sha256,
            placeholders: r.placeholders,
            uploadedAt: r.uploaded_at,
            uploadedByName: r.uploader_name,
            active: r.id === activeId,
            downloadUrl: templateUrls.version(r.id),
            previewUrl: templateUrls.preview(r.id),
          }));
        return {
          kind,
          labelZh: DOCX_KIND_LABELS[kind].zh,
          labelEn: DOCX_KIND_LABELS[kind].en,
          activeVersion: versions.find((v) => v.active)?.version ?? null,
          activeTemplateId: activeId,
          versions,
          placeholders: placeholderCatalogue(kind).map(toPlaceholder),
          defaultUrl: templateUrls.default(kind),
          defaultPreviewUrl: templateUrls.defaultPreview(kind),
          uploadUrl: templateUrls.upload(kind),
          maxBytes: TEMPLATE_MAX_BYTES,
        };
      });
    });
  }

  /**
   * Validates and stores an upload as the kind's next version (not yet in force). A refused
   * template stores nothing and throws UnsafeArchive (before it is opened) or TemplateRefused
   * with every problem. Stored versions are checked again when they are filled (`filling`).
   */
  async upload(
    actor: Actor,
    kind: DocxKind,
    fileName: string,
    bytes: Buffer,
  ): Promise<DocumentTemplateVersion> {
    await checkZip(bytes, this.zipLimits);
    const validation = validateTemplate(kind, bytes);
    if (!validation.valid) throw new TemplateRefused(validation.problems);
    const id = randomUUID();
    const storageKey = `${actor.parkId}/${id}`;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.storage.put(storageKey, Readable.from([bytes]), {
      size: bytes.length,
      contentType: DOCX_CONTENT_TYPE,
      sha256,
    });
    try {
      return await this.db.run(actor, async (em) => {
        // One upload at a time per kind takes the next version.
        await rowsOfSql(em, sql`SELECT pg_advisory_xact_lock(hashtext('document_templates:' || ${kind}))`);
        const [{ next }] = await rowsOf(
          em,
          kysely
            .selectFrom('document_templates')
            .select((eb) => eb(eb.fn.coalesce(eb.fn.max('version'), eb.lit(0)), '+', eb.lit(1)).as('next'))
            .where('kind', '=', kind),
        );
        await rowsOf(
          em,
          kysely.insertInto('document_templates').values({
            id,
            kind,
            version: next,
            file_name: fileName,
            size_bytes: bytes.length,
            sha256,
            storage_key: storageKey,
            placeholders: validation.placeholders,
            uploaded_by: actor.userId || null,
          }),
        );
        await recordAudit(em, actor, {
          action: 'documentTemplate.uploaded',
          subjectType: 'DocumentTemplate',
          subjectId: id,
          before: null,
          after: { kind, version: next, fileName, sizeBytes: bytes.length, sha256 },
        });
        const [row] = await rowsOf(em, templates().where('t.id', '=', id));
        return {
          id,
          kind,
          version: row.version,
          fileName: row.file_name,
          sizeBytes: Number(row.size_bytes),
          sha256,
          placeholders: row.placeholders,
          uploadedAt: row.uploaded_at,
          uploadedByName: row.uploader_name,
          active: false,
          downloadUrl: templateUrls.version(id),
          previewUrl: templateUrls.preview(id),
        };
      });
    } catch (error) {
      await this.storage.discard(storageKey);
      throw error;
    }
  }

  /** Puts a version (or, with null, the built-in default) in force for documents issued from now on. */
  activate(actor: Actor, kind: DocxKind, templateId: string | null): Promise<DocumentTemplateKindInfo> {
    return this.db
      .run(actor, async (em) => {
        let version: number | null = null;
        if (templateId) {
          const rows = await rowsOf(
            em,
            kysely
              .selectFrom('document_templates')
              .select('version')
              .where('id', '=', templateId)
              .where('kind', '=', kind),
          );
          if (rows.length === 0) throw notFound('模板版本 / Template version', 'templateId');
          version = rows[0].version;
        }
        const before = (await activeTemplateIds(em)).get(kind) ?? null;
        await rowsOf(
          em,
          kysely
            .insertInto('document_template_activations')
            .values({ kind, template_id: templateId, activated_by: actor.userId || null }),
        );
        await recordAudit(em, actor, {
          action: 'documentTemplate.activated',
          subjectType: 'DocumentTemplate',
          subjectId: templateId,
          before: { kind, templateId: before },
          after: { kind, templateId, version },
        });
      })
      .then(async () => (await this.list(actor)).find((k) => k.kind === kind)!);
  }

  /** The template in force for `kind`, read in the caller's transaction (the issuing one). */
  async inForce(em: EntityManager, kind: DocxKind): Promise<TemplateInForce> {
    const templateId = (await activeTemplateIds(em)).get(kind) ?? null;
    if (!templateId) return { templateId: null, version: null, bytes: await readDefaultTemplate(kind) };
    const [row] = await rowsOf(em, storedTemplate(templateId));
    return { templateId, version: row.version, bytes: await this.filling(row) };
  }

  /**
   * A stored version's bytes, to be filled: checked as an upload is (size, then the archive, with
   * the same limits) before pizzip inflates it, since versions stored before these checks were
   * never checked. A refusal is TEMPLATE_INVALID naming the version, and is logged.
   */
  private async filling(row: StoredTemplateRow): Promise<Buffer> {
    const bytes = await readAtMost(await this.storage.open(row.storage_key), TEMPLATE_MAX_BYTES);
    if (!bytes)
      return this.refuse(
        row,
        `文件超过 ${TEMPLATE_MAX_BYTES / 1024 / 1024} MB`,
        `larger than ${TEMPLATE_MAX_BYTES / 1024 / 1024} MB`,
      );
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (this.checked.has(digest)) return bytes;
    try {
      await checkZip(bytes, this.zipLimits);
    } catch (error) {
      if (error instanceof UnsafeArchive) return this.refuse(row, error.messageZh, error.messageEn);
      throw error;
    }
    if (this.checked.size >= CHECKED_MAX_ENTRIES) this.checked.clear();
    this.checked.add(digest);
    return bytes;
  }

  private refuse(row: StoredTemplateRow, reasonZh: string, reasonEn: string): never {
    const label = DOCX_KIND_LABELS[row.kind];
    this.options.onStoredTemplateRefused?.({
      parkId: row.park_id,
      templateId: row.id,
      kind: row.kind,
      version: row.version,
      fileName: row.file_name,
      reason: reasonEn,
    });
    throw templateInvalid(
      `${label.zh}模板第 ${row.version} 版「${row.file_name}」无法使用：${reasonZh}；请启用其他版本或默认模板 / ` +
        `The ${label.en.toLowerCase()} template version ${row.version} "${row.file_name}" cannot be used: ${reasonEn}; ` +
        `activate another version or the default`,
      { id: row.id, kind: row.kind, version: row.version, fileName: row.file_name },
    );
  }

  /** An uploaded version's file, for whoever may read the park's rules. */
  version(
    actor: Actor,
    id: string,
  ): Promise<{ kind: DocxKind; version: number; fileName: string; bytes: Buffer } | null> {
    return this.db.run(actor, async (em) => {
      const [row] = await rowsOf(em, storedTemplate(id));
      if (!row) return null;
      const bytes = await readAll(await this.storage.open(row.storage_key));
      return { kind: row.kind, version: row.version, fileName: row.file_name, bytes };
    });
  }

  /**
   * An uploaded version filled with the catalogue's sample data (checked like any filling), with
   * its version and file name; null when there is no such version.
   */
  async versionPreview(
    actor: Actor,
    id: string,
  ): Promise<{ version: number; fileName: string; bytes: Buffer } | null> {
    const [row] = await this.db.run(actor, (em) => rowsOf(em, storedTemplate(id)));
    if (!row) return null;
    const bytes = this.preview(row.kind, await this.filling(row));
    return { version: row.version, fileName: row.file_name, bytes };
  }

  /** A template filled with the catalogue's sample data: what it will look like, before it is in force. */
  preview(kind: DocxKind, template: Uint8Array): Buffer {
    return renderDocx(kind, template, sampleData(kind));
  }
}
