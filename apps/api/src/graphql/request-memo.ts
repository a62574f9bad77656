const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * Runs `work` once per request context and key: the same read asked again in one request (aliases)
 * shares the first answer, and so its one audit record.
 */
export function oncePerRequest<T>(context: object, key: string, work: () => Promise<T>): Promise<T> {
  let memo = memos.get(context);
  if (!memo) memos.set(context, (memo = new Map()));
  let result = memo.get(key) as Promise<T> | undefined;
  if (!result) memo.set(key, (result = work()));
  return result;
}
