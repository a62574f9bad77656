import type { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { encodeCursor } from '../common/cursors.js';

/**
 * Every list that grows without bound is a Relay-style connection, `XConnection { edges { cursor
 * node } pageInfo { hasNextPage endCursor } totalCount }`, read with `first` and `after`. Lists bounded
 * by nature (departments, parks, rules versions…) stay plain lists.
 */
@ObjectType({ description: 'Where a page of a connection ends.' })
export class PageInfo {
  @Field({ description: 'More follow: pass `endCursor` as `after` for them.' }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'The cursor of the last edge; null on an empty page.' })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionOf<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** The code-first connection type of `node` (the NestJS "Paginated" pattern): extend it, named `XConnection`. */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionOf<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType implements Edge<T> {
    @Field({ description: 'Pass as `after` for the edges that follow this one.' }) cursor!: string;
    @Field(() => node) node!: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements ConnectionOf<T> {
    @Field(() => [EdgeType]) edges!: EdgeType[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'Every node of the list under its filter, across all pages.' })
    totalCount!: number;
  }
  return ConnectionType as unknown as Type<ConnectionOf<T>>;
}

/** A page from rows read with `first + 1` (the extra row tells a next page), each with its cursor's values. */
export function connectionOf<R, T>(
  rows: readonly R[],
  first: number,
  cursorOf: (row: R) => unknown[],
  nodeOf: (row: R) => T,
  totalCount: number,
): ConnectionOf<T> {
  const edges = rows
    .slice(0, first)
    .map((row) => ({ cursor: encodeCursor(cursorOf(row)), node: nodeOf(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** A page of a list paged by position: `nodes` start after `offset` of `totalCount`. */
export function offsetConnection<T>(
  nodes: readonly T[],
  offset: number,
  totalCount: number,
): ConnectionOf<T> {
  const edges = nodes.map((node, i) => ({ cursor: encodeCursor([offset + i + 1]), node }));
  return {
    edges,
    pageInfo: { hasNextPage: offset + nodes.length < totalCount, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
