import { afterEach, describe, expect, it, vi } from 'vitest';
import { CombinedError } from '@urql/core';
import { mount, type VueWrapper } from '@vue/test-utils';
import { createAppI18n } from '@/locales';
import { deferred } from '@/test-support/fake-xhr';
import Harness from './form-dialog-harness.vue';

type Send = InstanceType<typeof Harness>['$props']['send'];
type Answer = Awaited<ReturnType<Send>>;

let wrapper: VueWrapper | undefined;

function mountHarness(send: Send) {
  wrapper = mount(Harness, {
    props: { send },
    attachTo: document.body,
    global: { plugins: [createAppI18n('zh-CN')] },
  });
  return wrapper;
}

const dialog = () => document.body.querySelector<HTMLElement>('[data-test="harness-dialog"]');
const input = (name: string) =>
  document.body.querySelector<HTMLInputElement>(`[data-test="${name}"] input, input[data-test="${name}"]`);
const item = (name: string) => document.body.querySelector<HTMLElement>(`[data-test="${name}-item"]`);
const submitButton = () => document.body.querySelector<HTMLButtonElement>('[data-test="harness-submit"]');

const buttonNamed = (name: string) =>
  [...dialog()!.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;

async function type(name: string, value: string): Promise<void> {
  const field = input(name)!;
  field.value = value;
  field.dispatchEvent(new Event('input'));
  await wrapper!.vm.$nextTick();
}

async function openDialog(): Promise<void> {
  await wrapper!.find('[data-test="opener"]').trigger('click');
  await vi.waitFor(() => expect(dialog()).not.toBeNull());
}

function fieldError(path: string, message: string): Answer {
  return {
    error: new CombinedError({
      graphQLErrors: [
        {
          message: `输入有误: ${path}`,
          extensions: { code: 'BAD_USER_INPUT', fields: [{ path, message }] },
        },
      ],
    }),
  };
}

describe('the form dialog', () => {
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
  });

  it('opens with its title, the first field focused, and cancel and submit below', async () => {
    mountHarness(() => Promise.resolve({ data: { id: 'x' } }));
    await openDialog();
    expect(dialog()!.querySelector('.el-dialog__title')?.textContent).toBe('名称');
    await vi.waitFor(() => expect(document.activeElement).toBe(input('name')));
    const buttons = [...dialog()!.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(buttons).toEqual(expect.arrayContaining(['取消', '保存']));
  });

  it('shows the API’s field error under the item it names and focuses that field', async () => {
    const send = vi.fn<Send>(() => Promise.resolve(fieldError('code', '代码已被使用')));
    mountHarness(send);
    await openDialog();
    await type('name', '经济发展局');
    await type('code', 'ECON');
    submitButton()!.click();

    await vi.waitFor(() => expect(item('code')!.textContent).toContain('代码已被使用'));
    expect(item('name')!.textContent).not.toContain('代码已被使用');
    expect(send).toHaveBeenCalledWith({ name: '经济发展局', code: 'ECON' });
    await vi.waitFor(() => expect(document.activeElement).toBe(input('code')));
    // Refused: the form stays open with what was typed.
    expect(dialog()!.style.display).not.toBe('none');
    expect(input('name')!.value).toBe('经济发展局');
  });

  it('checks the form before sending, and focuses the field in error', async () => {
    const send = vi.fn<Send>(() => Promise.resolve({ data: { id: 'x' } }));
    mountHarness(send);
    await openDialog();
    await type('code', 'ECON');
    submitButton()!.click();

    await vi.waitFor(() => expect(item('name')!.textContent).toContain('此项为必填'));
    expect(send).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(document.activeElement).toBe(input('name')));
  });

  it('keeps the submit button busy while the request is under way and sends once', async () => {
    const answer = deferred<Answer>();
    const send = vi.fn<Send>(() => answer.promise);
    mountHarness(send);
    await openDialog();
    await type('name', '经济发展局');
    submitButton()!.click();

    await vi.waitFor(() => expect(submitButton()!.classList).toContain('is-loading'));
    expect(submitButton()!.disabled).toBe(true);
    submitButton()!.click();
    dialog()!
      .querySelector('form')!
      .dispatchEvent(new Event('submit', { cancelable: true }));
    expect(send).toHaveBeenCalledTimes(1);

    answer.resolve({ data: { id: 'dept-1' } });
    await vi.waitFor(() => expect(wrapper!.emitted('saved')).toEqual([[{ id: 'dept-1' }]]));
    expect(submitButton()!.classList).not.toContain('is-loading');
  });

  it('starts afresh when opened again: no old values, no old errors', async () => {
    mountHarness(() => Promise.resolve(fieldError('code', '代码已被使用')));
    await openDialog();
    await type('name', '经济发展局');
    await type('code', 'ECON');
    submitButton()!.click();
    await vi.waitFor(() => expect(item('code')!.textContent).toContain('代码已被使用'));

    buttonNamed('取消').click();
    await vi.waitFor(() => expect(dialog()!.closest('.el-overlay')).toSatisfy(hidden));
    await openDialog();
    await vi.waitFor(() => expect(input('name')!.value).toBe(''));
    expect(input('code')!.value).toBe('');
    expect(item('code')!.textContent).not.toContain('代码已被使用');
  });
});

function hidden(overlay: Element | null): boolean {
  return !overlay || (overlay as HTMLElement).style.display === 'none';
}
