import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCalendarDate, isIsoDateTime } from '../common/input-values.js';

/** `YYYY-MM-DD` of a day that exists (not 2026-02-30, not year 0): checked before SQL casts it. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: { validate: isCalendarDate, defaultMessage: () => 'must be a date YYYY-MM-DD' },
    },
    options,
  );
}

/** An ISO 8601 date and time with its offset, on a day that exists. */
export function IsIsoDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDateTime',
      validator: { validate: isIsoDateTime, defaultMessage: () => 'must be a date and time' },
    },
    options,
  );
}
