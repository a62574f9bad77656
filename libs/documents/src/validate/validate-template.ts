import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import type { PlaceholderInfo } from '../catalogue/field-spec.js';
import { placeholderCatalogue } from '../catalogue/placeholder-catalogue.js';
import type { DocxKind } from '../kinds.js';
import { TEMPLATE_OPTIONS } from '../render/docxtemplater-options.js';
import { describeTemplateErrors } from './template-errors.js';
import type { TemplateProblem } from './template-problem.js';
import { TagCollector, type TemplateTag } from './template-tags.js';
import { ZipFormatError, readZipDirectory } from './zip-directory.js';

export interface TemplateLimits {
  /** Size of the uploaded file. */
  maxBytes: number;
}

export const DEFAULT_TEMPLATE_LIMITS: TemplateLimits = { maxBytes: 5 * 1024 * 1024 };

export interface TemplateValidation {
  valid: boolean;
  problems: TemplateProblem[];
  /** The placeholders the template uses, loop fields as loop.field, when it could be read. */
  placeholders: string[];
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/** The known name closest to a misspelt one, if it is close enough to be the one meant. */
function closestName(name: string, known: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = levenshtein(name.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(best.name.length / 4)) ? best.name : undefined;
}

/** Every placeholder of the catalogue at one level, loop fields beside the top-level ones. */
function flatten(catalogue: PlaceholderInfo[]): PlaceholderInfo[] {
  return catalogue.flatMap((p) => [p, ...flatten(p.fields ?? [])]);
}

/**
 * Compares the tags with the catalogue; loop fields are known inside their loop only. When the
 * template does not compile, its sections are not reliable: names are then only checked against
 * every name of the catalogue, whatever the scope.
 */
function comparePlaceholders(
  tags: TemplateTag[],
  catalogue: PlaceholderInfo[],
  compiled: boolean,
): { problems: TemplateProblem[]; used: string[] } {
  if (!compiled) {
    const anywhere = flatten(catalogue).map((p) => ({ ...p, kind: 'text' as const, fields: undefined }));
    const flat = (list: TemplateTag[]): TemplateTag[] =>
      list.flatMap((t) => [
        { ...t, kind: t.kind === 'raw' ? t.kind : ('text' as const), children: [] },
        ...flat(t.children),
      ]);
    return comparePlaceholders(flat(tags), anywhere, true);
  }
  const problems = new Map<string, TemplateProblem>();
  const used = new Set<string>();
  const add = (key: string, problem: TemplateProblem): void => {
    if (!problems.has(key)) problems.set(key, problem);
  };
  const walk = (list: TemplateTag[], scopes: PlaceholderInfo[][], path: string[]): void => {
    for (const tag of list) {
      const where = [...path, tag.name].join('.');
      used.add(where);
      if (tag.kind === 'raw') {
        add(`raw:${tag.name}`, {
          code: 'RAW_XML_TAG',
          tag: tag.name,
          file: tag.file,
          message: `Raw XML tags such as {@${tag.name}} are not allowed`,
          messageZh: `不允许使用 {@${tag.name}} 这类原始 XML 标签`,
        });
        continue;
      }
      const info = scopes.map((scope) => scope.find((p) => p.name === tag.name)).find(Boolean);
      if (!info) {
        const suggestion = closestName(tag.name, [...new Set(scopes.flat().map((p) => p.name))]);
        add(`unknown:${where}`, {
          code: 'UNKNOWN_PLACEHOLDER',
          tag: tag.name,
          file: tag.file,
          ...(suggestion ? { suggestion } : {}),
          message:
            `Unknown placeholder {${tag.name}}` +
            (path.length ? ` inside {#${path.join('}{#')}}` : '') +
            (suggestion ? `; did you mean {${suggestion}}?` : ''),
          messageZh:
            `未知的占位符 {${tag.name}}` +
            (path.length ? `（位于 {#${path.join('}{#')}} 内）` : '') +
            (suggestion ? `，是否应为 {${suggestion}}？` : ''),
        });
        continue;
      }
      if (tag.kind === 'text' && info.kind !== 'text') {
        const wanted = `{#${info.name}}…{/${info.name}}`;
        add(`kind:${where}`, {
          code: 'WRONG_PLACEHOLDER_KIND',
          tag: tag.name,
          file: tag.file,
          message: `{${tag.name}} is a ${info.kind === 'loop' ? 'list' : 'yes/no condition'}: write ${wanted}`,
          messageZh: `{${tag.name}} 是${info.kind === 'loop' ? '列表' : '是/否条件'}，应写作 ${wanted}`,
        });
        continue;
      }
      const inner = info.kind === 'loop' && tag.kind === 'section' ? [info.fields ?? [], ...scopes] : scopes;
      walk(tag.children, inner, info.kind === 'loop' ? [...path, tag.name] : path);
    }
  };
  walk(tags, [catalogue], []);
  return { problems: [...problems.values()], used: [...used] };
}

function structureProblems(data: Uint8Array, limits: TemplateLimits): TemplateProblem[] {
  if (data.byteLength > limits.maxBytes) {
    return [
      {
        code: 'FILE_TOO_LARGE',
        message: `The file is ${mb(data.byteLength)}; templates may be at most ${mb(limits.maxBytes)}`,
        messageZh: `文件大小为 ${mb(data.byteLength)}，模板不能超过 ${mb(limits.maxBytes)}`,
      },
    ];
  }
  let entries;
  try {
    entries = readZipDirectory(data);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof ZipFormatError && error.unsupported) {
      return [
        {
          code: 'UNSUPPORTED_ZIP',
          message: `The archive uses a feature templates may not use: ${reason}`,
          messageZh: `压缩包使用了模板不支持的特性：${reason}`,
        },
      ];
    }
    return [
      {
        code: 'NOT_A_ZIP',
        message: `The file is not a Word document (.docx): ${reason}`,
        messageZh: '文件不是 Word 文档（.docx），无法作为压缩包打开',
      },
    ];
  }
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('word/document.xml')) {
    return [
      {
        code: 'NOT_A_DOCX',
        message: 'The archive is not a Word document (.docx): word/document.xml is missing',
        messageZh: '文件不是 Word 文档（.docx）：缺少 word/document.xml',
      },
    ];
  }
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) {
    return [
      {
        code: 'NOT_A_DOCX',
        message: 'Documents with macros are not accepted: save the template as .docx',
        messageZh: '不接受含宏的文档，请另存为 .docx 格式',
      },
    ];
  }
  return [];
}

/**
 * Checks a template a park uploads for a document kind: that it is a real, reasonably sized .docx,
 * that it compiles, and that it uses only the kind's placeholders. Never throws: everything wrong
 * is a problem. What its entries inflate to is the caller's check, made before this one (the API's
 * safe-zip): this parses the whole document in memory.
 */
export function validateTemplate(
  kind: DocxKind,
  template: Uint8Array,
  limits: TemplateLimits = DEFAULT_TEMPLATE_LIMITS,
): TemplateValidation {
  try {
    if (!(template instanceof Uint8Array)) {
      return {
        valid: false,
        placeholders: [],
        problems: [{ code: 'NOT_A_ZIP', message: 'No file content', messageZh: '没有文件内容' }],
      };
    }
    const structural = structureProblems(template, limits);
    if (structural.length) return { valid: false, problems: structural, placeholders: [] };

    const collector = new TagCollector();
    const problems: TemplateProblem[] = [];
    try {
      new Docxtemplater(new PizZip(template), { ...TEMPLATE_OPTIONS, modules: [collector] });
    } catch (error) {
      problems.push(...describeTemplateErrors(error));
    }
    const compared = comparePlaceholders(collector.tags(), placeholderCatalogue(kind), problems.length === 0);
    problems.push(
      ...compared.problems.filter(
        // docxtemplater already reported a raw tag it could not place.
        (p) =>
          !(p.code === 'RAW_XML_TAG' && problems.some((q) => q.code === 'RAW_XML_TAG' && q.tag === p.tag)),
      ),
    );
    return { valid: problems.length === 0, problems, placeholders: compared.used };
  } catch (error) {
    return { valid: false, problems: describeTemplateErrors(error), placeholders: [] };
  }
}
