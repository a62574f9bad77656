import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { badInput, type FieldProblem } from '../common/errors.js';

function problemsOf(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      path,
      // class-validator starts messages with the property name; the path already says it.
      message: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
    }));
    return [...own, ...problemsOf(error.children ?? [], path)];
  });
}

/** Validates every input object; failures become BAD_USER_INPUT naming each field path. */
export function inputValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => badInput(problemsOf(errors)),
  });
}
