import { describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import type { NationalCalendarQuery } from '@/gql/graphql';
import { mountConsole } from '@/test-support/console-harness';
import { PLATFORM_ADMIN_RULES } from '@/test-support/fixtures';
import type { GraphQLHandler } from '@/test-support/graphql-fetch';
import { platformAdminMe, resetConsoleEachTest, signedInApi } from '@/test-support/signed-in-console';

const RULES = [...PLATFORM_ADMIN_RULES, { action: 'manage', subject: 'NationalCalendar' }];

const YEAR_2026: NationalCalendarQuery['nationalCalendarYears'][number] = {
  year: 2026,
  source: 'BUNDLED',
  version: null,
  notice: null,
  importedAt: null,
  importedByName: null,
  holidays: [
    {
      nameZh: '元旦',
      nameEn: "New Year's Day",
      from: '2026-01-01',
      to: '2026-01-03',
      workdays: ['2026-01-04'],
    },
  ],
};
const YEAR_2027: NationalCalendarQuery['nationalCalendarYears'][number] = {
  ...YEAR_2026,
  year: 2027,
  source: 'IMPORTED',
  version: 1,
  notice: '国办发明电〔2026〕5号',
  importedAt: '2026-12-07T02:00:00.000Z',
  importedByName: '平台运营',
};

let wrapper: VueWrapper | undefined;

async function open(path: string, handlers: Record<string, GraphQLHandler>) {
  const api = signedInApi(platformAdminMe, RULES as never, handlers);
  const mounted = await mountConsole(api.fetch, path);
  wrapper = mounted.wrapper;
  await flushPromises();
  return api;
}

describe('national holiday arrangement page', () => {
  resetConsoleEachTest(() => wrapper);

  it('warns that 2027 is missing, shows the file’s problems by field, then imports it', async () => {
    let years = [YEAR_2026];
    const imports: unknown[] = [];
    const api = await open('/national-calendar', {
      NationalCalendar: () => ({
        data: {
          nationalCalendarStatus: { today: '2026-12-07', missingYear: years.length > 1 ? null : 2027 },
          nationalCalendarYears: years,
        },
      }),
      ImportNationalCalendar: (vars) => {
        imports.push(vars.input);
        if (imports.length === 1)
          return {
            errors: [
              {
                message: '输入有误',
                extensions: {
                  code: 'BAD_USER_INPUT',
                  fields: [{ path: 'content.holidays[1].workdays[0]', message: '2027-02-15 is a weekday' }],
                },
              },
            ],
          };
        years = [YEAR_2027, YEAR_2026];
        return { data: { importNationalCalendar: { year: 2027, version: 1 } } };
      },
    });
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-test="national-calendar-missing"]').text()).toContain(
        '尚未导入2027年节假日安排',
      ),
    );
    expect(wrapper!.find('[data-test="calendar-years"]').text()).toContain('系统内置');
    expect(wrapper!.find('[data-test="calendar-import"]').attributes('disabled')).toBeDefined();

    await wrapper!.find('textarea[data-test="calendar-content"]').setValue('year: 2027\n');
    await wrapper!.find('[data-test="calendar-import"]').trigger('submit');
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-test="calendar-problems"]').text()).toContain(
        'content.holidays[1].workdays[0]',
      ),
    );

    await wrapper!.find('textarea[data-test="calendar-content"]').setValue('year: 2027\nholidays: []\n');
    await wrapper!.find('form').trigger('submit');
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-test="calendar-years"]').text()).toContain('平台导入'),
    );
    expect(imports).toEqual([
      { format: 'YAML', content: 'year: 2027\n' },
      { format: 'YAML', content: 'year: 2027\nholidays: []\n' },
    ]);
    expect(wrapper!.find('[data-test="calendar-problems"]').exists()).toBe(false);
    expect(wrapper!.find('[data-test="national-calendar-missing"]').exists()).toBe(false);
    expect(api.calls.filter((c) => c.operationName === 'NationalCalendar').length).toBeGreaterThanOrEqual(2);
  });

  it('tells platform administrators on the home page, with a link to the page', async () => {
    await open('/', {
      NationalCalendarStatus: () => ({ data: { nationalCalendarStatus: { missingYear: 2027 } } }),
    });
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-test="home-calendar-missing"]').text()).toContain('2027'),
    );
    expect(wrapper!.find('[data-test="home-calendar-missing"] a').attributes('href')).toBe(
      '/national-calendar',
    );
    expect(wrapper!.find('[data-test="nav-national-calendar"]').exists()).toBe(true);
  });
});
