import { Field, ID, type FieldOptions } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsOptional, IsUUID, MaxLength, ValidateNested } from 'class-validator';

/** The decorators as if written one above the other on the property: the last one applies first. */
function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorator of [...decorators].reverse()) decorator(target, key);
  };
}

/** An optional input field listing at most 20 ids. */
export function OptionalIdsField(options: FieldOptions = {}): PropertyDecorator {
  return stacked(
    Field(() => [ID], { nullable: true, ...options }),
    IsOptional(),
    IsUUID('all', { each: true }),
    ArrayMaxSize(20),
  );
}

/** An optional input field listing at most 20 codes of the park's rules, each at most 50 characters. */
export function OptionalCodesField(options: FieldOptions = {}): PropertyDecorator {
  return stacked(
    Field(() => [String], { nullable: true, ...options }),
    IsOptional(),
    ArrayMaxSize(20),
    MaxLength(50, { each: true }),
  );
}

/** An input field listing at most 20 `type` inputs, each validated; `nullable`: it may be left out. */
export function NestedListField(
  type: new () => object,
  options: { nullable?: boolean } = {},
): PropertyDecorator {
  return stacked(
    Field(() => [type], options),
    ...(options.nullable ? [IsOptional()] : []),
    ValidateNested({ each: true }),
    Type(() => type),
    ArrayMaxSize(20),
  );
}
