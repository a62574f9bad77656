import { Foundation1764300000000 } from './1764300000000-foundation.js';

/** Every migration, in order. Migrations only: the schema is never synchronised from entities. */
export const MIGRATIONS = [Foundation1764300000000];
