import { readPreference, writePreference } from '@/api/token-storage';
import {
  fromRouteQuery,
  LEDGER_COLUMNS,
  toRouteQuery,
  type LedgerColumn,
  type LedgerQueue,
  type LedgerViewState,
} from './ledger-state';

/** A named set of filters, sort and columns, kept in this browser for one user and one page. */
export interface SavedLedgerView extends LedgerViewState {
  name: string;
  columns: LedgerColumn[];
}

interface StoredView {
  name: string;
  query: Record<string, string>;
  columns: string[];
}

const MAX_VIEWS = 20;

function viewsKey(userId: string, queue: LedgerQueue): string {
  return `ledgerViews.${userId}.${queue}`;
}

function columnsKey(userId: string, queue: LedgerQueue): string {
  return `ledgerColumns.${userId}.${queue}`;
}

export function cleanColumns(columns: readonly unknown[]): LedgerColumn[] {
  const wanted = new Set(columns);
  // Keep the table's own order, whatever order they were ticked in; the number is always shown.
  return LEDGER_COLUMNS.filter((column) => column === 'registrationNo' || wanted.has(column));
}

function parse<T>(text: string | null): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export function loadSavedViews(userId: string, queue: LedgerQueue): SavedLedgerView[] {
  const stored = parse<StoredView[]>(readPreference(viewsKey(userId, queue)));
  if (!Array.isArray(stored)) return [];
  return stored
    .filter((view) => view && typeof view.name === 'string' && view.query && Array.isArray(view.columns))
    .map((view) => ({ name: view.name, columns: cleanColumns(view.columns), ...fromRouteQuery(view.query) }));
}

/** Saves (or replaces, by name) a view; the newest first. */
export function saveView(userId: string, queue: LedgerQueue, view: SavedLedgerView): SavedLedgerView[] {
  const views = [view, ...loadSavedViews(userId, queue).filter((v) => v.name !== view.name)].slice(
    0,
    MAX_VIEWS,
  );
  storeViews(userId, queue, views);
  return views;
}

export function deleteView(userId: string, queue: LedgerQueue, name: string): SavedLedgerView[] {
  const views = loadSavedViews(userId, queue).filter((v) => v.name !== name);
  storeViews(userId, queue, views);
  return views;
}

function storeViews(userId: string, queue: LedgerQueue, views: readonly SavedLedgerView[]): void {
  const stored: StoredView[] = views.map((view) => ({
    name: view.name,
    query: toRouteQuery(view) as Record<string, string>,
    columns: [...view.columns],
  }));
  writePreference(viewsKey(userId, queue), JSON.stringify(stored));
}

export function loadColumns(userId: string, queue: LedgerQueue): LedgerColumn[] | null {
  const stored = parse<unknown[]>(readPreference(columnsKey(userId, queue)));
  return Array.isArray(stored) ? cleanColumns(stored) : null;
}

export function storeColumns(userId: string, queue: LedgerQueue, columns: readonly LedgerColumn[]): void {
  writePreference(columnsKey(userId, queue), JSON.stringify(columns));
}
