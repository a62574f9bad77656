import type { ParkRules } from '@qifu/domain';
import type { EntityManager } from 'typeorm';
import { parkRulesStore } from './park-rules.store.js';

// A published version of a park's rules never changes (versions are only appended), so each is
// read from the database once per process. Bounded: a platform of many parks keeps the recent ones.
const MAX_ENTRIES = 512;
const cache = new Map<string, ParkRules>();

/** The rules of a park's version if this process has read them already. */
export function cachedRules(parkId: string, version: number): ParkRules | undefined {
  const key = `${parkId}:${version}`;
  const hit = cache.get(key);
  if (hit) {
    // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
    cache.delete(key);
    cache.set(key, hit);
  }
  return hit;
}

/** The rules of `version` of the transaction's park (`parkId` must be that park). */
export async function rulesOfVersion(em: EntityManager, parkId: string, version: number): Promise<ParkRules> {
  const hit = cachedRules(parkId, version);
  if (hit) return hit;
  const key = `${parkId}:${version}`;
  const found = await parkRulesStore.byVersion(em, version);
  if (!found) throw new Error(`park rules version ${version} is missing`);
  cache.set(key, found.rules);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return found.rules;
}
