import type { z } from 'zod';
import type { FieldProblem } from './errors.js';

/** A zod refusal as the fields at fault, with paths as the input names them (`filter.statuses.0`). */
export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
