import { vi } from 'vitest';

// Lazy route chunks are transformed on first import; on a loaded two-core CI machine that can take
// longer than vi.waitFor's 1 s default. A longer ceiling costs nothing when the UI is fast.
const waitFor = vi.waitFor.bind(vi);
vi.waitFor = ((callback, options) =>
  waitFor(
    callback,
    typeof options === 'number' ? options : { timeout: 10_000, ...options },
  )) as typeof vi.waitFor;

// happy-dom's Element#toString serialises the whole subtree (outerHTML); browsers return
// "[object HTMLDivElement]". Popper (Element Plus selects and tooltips) calls it to tell windows from
// elements on every layout, which made pages with many selects take seconds to mount.
Element.prototype.toString = function toString(this: Element) {
  return `[object ${this.constructor.name}]`;
};
