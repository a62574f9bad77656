export * from './kinds.js';
export * from './document-data.js';
export type { PlaceholderInfo, PlaceholderKind } from './catalogue/field-spec.js';
export { placeholderCatalogue, sampleData } from './catalogue/placeholder-catalogue.js';
export {
  DEFAULT_TEMPLATE_FILES,
  DEFAULT_TEMPLATES_DIR,
  buildDefaultTemplate,
  defaultTemplatePath,
  readDefaultTemplate,
} from './templates/default-templates.js';
export { DocumentRenderError, renderDocx } from './render/render-docx.js';
export { assembleZip, writeZip, type PackedZipEntry, type ZipEntry } from './render/zip-writer.js';
export {
  DEFAULT_TEMPLATE_LIMITS,
  validateTemplate,
  type TemplateLimits,
  type TemplateValidation,
} from './validate/validate-template.js';
export {
  TEMPLATE_PROBLEM_CODES,
  type TemplateProblem,
  type TemplateProblemCode,
} from './validate/template-problem.js';
export { chineseDate, chineseDateTime, chineseNumeral } from './format/chinese-date.js';
export { benchRender, type RenderBenchResult } from './bench/bench-render.js';
export * as gbt9704 from './layout/gbt9704.js';
export { renderMonthlyReportDocx } from './reports/monthly-report.js';
