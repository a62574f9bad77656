import type { ApiFieldError } from './graphql-errors';

/**
 * The one shape of every error of the API's REST endpoints (files, exports, reports), whatever the
 * status: `fields` names what was sent that is at fault (`file`, `filter.year`; '' for the body as a
 * whole), `details` what some codes add (TEMPLATE_INVALID: `problems`; PDF_NOT_READY: `pdfStatus`).
 */
export interface RestErrorBody {
  statusCode: number;
  code: string;
  /** Chinese / English. */
  message: string;
  fields: ApiFieldError[];
  details?: Record<string, unknown>;
}

/** The error body of a REST answer, or null when it is not one (no JSON, a network failure). */
export function restErrorOf(body: unknown): RestErrorBody | null {
  if (!body || typeof body !== 'object') return null;
  const candidate = body as Partial<RestErrorBody>;
  return typeof candidate.code === 'string' &&
    typeof candidate.message === 'string' &&
    Array.isArray(candidate.fields)
    ? (candidate as RestErrorBody)
    : null;
}
