import { describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import { closeThen } from '../use-form-dialog';

describe('what a dialog does once saved', () => {
  it('closes, then tells its parent', () => {
    const open = ref(true);
    const tell = vi.fn(() => expect(open.value).toBe(false));
    closeThen(open, tell)();
    expect(open.value).toBe(false);
    expect(tell).toHaveBeenCalledTimes(1);
  });
});
