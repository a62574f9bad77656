import { registerEnumType } from '@nestjs/graphql';

/** A GraphQL enum object whose names are its values, as `registerEnumType` takes it. */
export type ListEnum<T extends string> = { [K in T]: K };

/**
 * Registers a GraphQL enum made from one of the domain's closed lists (statuses, roles, stages…),
 * so the schema and the rules cannot drift apart. Returns the object `@Field(() => …)` names.
 */
export function listEnum<const T extends string>(
  name: string,
  values: readonly T[],
  description?: string,
): ListEnum<T> {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as ListEnum<T>;
  registerEnumType(enumObject, { name, description });
  return enumObject;
}
