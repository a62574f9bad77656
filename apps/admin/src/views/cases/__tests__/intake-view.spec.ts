import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElDatePicker, ElRadioGroup, ElSelect, ElSwitch } from 'element-plus';
import { graphqlError } from '@/test-support/graphql-fetch';
import {
  caseApi,
  CASE_STAFF_RULES,
  ECON,
  errorBeside,
  openPage,
  registered,
  setModel,
  staffMe,
  TAX_BUREAU,
} from './case-fixtures';
import { connectionOf } from '@/test-support/connections';

let wrapper: VueWrapper | undefined;

async function fill(view: VueWrapper, testId: string, value: string): Promise<void> {
  await view.find(`[data-test="${testId}"]`).setValue(value);
}

async function fillRequired(view: VueWrapper): Promise<void> {
  await fill(view, 'intake-enterprise-name', '重庆正阳铝业有限公司');
  await fill(view, 'intake-enterprise-credit-code', '91500114MA5U123456');
  await setModel(view, ElSelect, 'intake-category-code', 'POWER_SUPPLY');
  await setModel(view, ElSelect, 'intake-channel-code', 'HOTLINE');
  await setModel(view, ElRadioGroup, 'intake-report-form-code', 'PHONE');
  await fill(view, 'intake-contact-name', '张伟');
  await fill(view, 'intake-contact-phone', '023-79429609');
  await fill(view, 'intake-title', '新建产线用电增容');
  await fill(view, 'intake-description', '新建产线需增容至2000千伏安，申请三个月未获答复。');
}

async function submit(view: VueWrapper): Promise<void> {
  await view.find('[data-test="intake-submit"]').trigger('click');
  await flushPromises();
}

describe('intake (登记表)', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => wrapper?.unmount());

  it('lays out the registration form with the park’s categories and sends every field', async () => {
    const api = caseApi(staffMe, CASE_STAFF_RULES, { RegisterCase: () => registered });
    const page = await openPage(api, '/cases/new');
    wrapper = page.wrapper;
    await vi.waitFor(() => expect(wrapper?.text()).toContain('企业反映困难问题登记表'));
    const sheet = wrapper.find('[data-test="intake-form"]').text();
    for (const label of [
      '企业名称',
      '详细地址',
      '反映时间',
      '问题类别',
      '联系人',
      '职务',
      '联系电话',
      '电子邮箱',
    ]) {
      expect(sheet).toContain(label);
    }
    expect(sheet).toContain('希望协调解决事项的部门');
    expect(sheet).toContain('分管领导甄别意见');

    await fillRequired(wrapper);
    await fill(wrapper, 'intake-enterprise-address', '正阳工业园区标准厂房3号');
    await setModel(wrapper, ElDatePicker, 'intake-reported-at', new Date('2026-09-29T02:30:00.000Z'));
    await fill(wrapper, 'intake-contact-title', '总经理');
    await fill(wrapper, 'intake-contact-email', 'zhangwei@example.com');
    await setModel(wrapper, ElSelect, 'intake-hoped-department-ids', [ECON, TAX_BUREAU]);
    await setModel(wrapper, ElSwitch, 'intake-urgent', true);
    expect(wrapper.find('[data-test="intake-category-echo"]').text()).toBe('用电保障');

    await submit(wrapper);

    expect(api.callsOf('RegisterCase')[0]?.variables).toEqual({
      input: {
        enterpriseName: '重庆正阳铝业有限公司',
        enterpriseCreditCode: '91500114MA5U123456',
        enterpriseAddress: '正阳工业园区标准厂房3号',
        reportedAt: '2026-09-29T02:30:00.000Z',
        categoryCode: 'POWER_SUPPLY',
        channelCode: 'HOTLINE',
        reportFormCode: 'PHONE',
        contactName: '张伟',
        contactTitle: '总经理',
        contactPhone: '023-79429609',
        contactEmail: 'zhangwei@example.com',
        title: '新建产线用电增容',
        description: '新建产线需增容至2000千伏安，申请三个月未获答复。',
        hopedDepartmentIds: [ECON, TAX_BUREAU],
        urgent: true,
      },
    });
    await vi.waitFor(() =>
      expect(wrapper?.find('[data-test="registration-no"]').text()).toBe('企业困难问题〔2026〕第12号'),
    );
    expect(wrapper.find('[data-test="intake-open-case"]').attributes('href')).toBe('/cases/case-12');
  });

  it('picks an enterprise from the park’s directory and sends its id instead of a name', async () => {
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      EnterpriseSearch: () => ({
        data: {
          enterprises: connectionOf([
            {
              id: 'ent-7',
              creditCode: '91500114MA5U777777',
              name: '重庆黔江精密制造有限公司',
              address: '正阳工业园区创业大道8号',
              contactName: '李娜',
              contactPhone: '13900000000',
              operating: true,
            },
          ]),
        },
      }),
      RegisterCase: () => registered,
    });
    wrapper = (await openPage(api, '/cases/new')).wrapper;

    const name = wrapper.find('[data-test="intake-enterprise-name"]');
    await name.setValue('精密');
    await vi.waitFor(() =>
      expect(api.callsOf('EnterpriseSearch')[0]?.variables).toEqual({ keyword: '精密', first: 10 }),
    );
    const suggestion = await vi.waitFor(() => {
      const item = document.body.querySelector<HTMLElement>('.el-autocomplete-suggestion li');
      if (!item) throw new Error('no suggestion yet');
      return item;
    });
    expect(suggestion.textContent).toContain('91500114MA5U777777');
    suggestion.click();
    await flushPromises();

    expect(wrapper.find('[data-test="intake-enterprise-hint"]').text()).toContain('91500114MA5U777777');
    expect(wrapper.find<HTMLInputElement>('[data-test="intake-enterprise-address"]').element.value).toBe(
      '正阳工业园区创业大道8号',
    );
    await setModel(wrapper, ElSelect, 'intake-category-code', 'FINANCING');
    await setModel(wrapper, ElSelect, 'intake-channel-code', 'SERVICE_HALL');
    await setModel(wrapper, ElRadioGroup, 'intake-report-form-code', 'IN_PERSON_OR_LETTER');
    await fill(wrapper, 'intake-title', '流动资金贷款');
    await fill(wrapper, 'intake-description', '希望协调银行续贷，避免资金链断裂。');

    await submit(wrapper);

    const input = api.callsOf('RegisterCase')[0]?.variables.input as Record<string, unknown>;
    expect(input).toMatchObject({
      enterpriseId: 'ent-7',
      enterpriseAddress: '正阳工业园区创业大道8号',
      contactName: '李娜',
      contactPhone: '13900000000',
    });
    expect(input).not.toHaveProperty('enterpriseName');
    expect(input).not.toHaveProperty('enterpriseCreditCode');
  });

  it('fills in the report form a channel implies: a hotline call is a phone report', async () => {
    const api = caseApi(staffMe, CASE_STAFF_RULES, { RegisterCase: () => registered });
    const page = await openPage(api, '/cases/new');
    wrapper = page.wrapper;
    await vi.waitFor(() => expect(wrapper?.text()).toContain('企业反映困难问题登记表'));
    const reportForm = () =>
      wrapper!
        .findAllComponents(ElRadioGroup)
        .find((group) => group.attributes('data-test') === 'intake-report-form-code')
        ?.props('modelValue');
    expect(reportForm()).toBe('');
    await setModel(wrapper, ElSelect, 'intake-channel-code', 'HOTLINE');
    expect(reportForm()).toBe('PHONE');
    // Changed by hand, it stays; a channel that implies nothing leaves it as it is.
    await setModel(wrapper, ElRadioGroup, 'intake-report-form-code', 'EMAIL');
    await setModel(wrapper, ElSelect, 'intake-channel-code', 'SERVICE_HALL');
    expect(reportForm()).toBe('EMAIL');
  });

  it('shows the API’s field errors beside their fields and keeps the form', async () => {
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      RegisterCase: () =>
        graphqlError('BAD_USER_INPUT', 'Invalid input', {
          fields: [
            { path: 'contactPhone', message: '联系电话不是有效号码' },
            { path: 'description', message: '描述过短' },
          ],
        }),
    });
    wrapper = (await openPage(api, '/cases/new')).wrapper;
    await fillRequired(wrapper);

    await submit(wrapper);

    expect(api.callsOf('RegisterCase')).toHaveLength(1);
    await vi.waitFor(() =>
      expect(errorBeside(wrapper!, 'intake-contact-phone-item')).toBe('联系电话不是有效号码'),
    );
    expect(errorBeside(wrapper, 'intake-description-item')).toBe('描述过短');
    expect(wrapper.find('[data-test="registration-no"]').exists()).toBe(false);
  });

  it('checks the form before calling the API', async () => {
    const api = caseApi(staffMe, CASE_STAFF_RULES, {});
    wrapper = (await openPage(api, '/cases/new')).wrapper;
    await fillRequired(wrapper);
    await fill(wrapper, 'intake-enterprise-credit-code', '12345');
    await fill(wrapper, 'intake-contact-email', 'not-an-address');
    await fill(wrapper, 'intake-contact-name', ' ');

    await submit(wrapper);

    expect(api.callsOf('RegisterCase')).toHaveLength(0);
    await vi.waitFor(() => expect(errorBeside(wrapper!, 'intake-contact-name-item')).toBe('此项为必填'));
    expect(errorBeside(wrapper, 'intake-contact-email-item')).toBe('电子邮箱格式不正确');
    expect(wrapper.text()).toContain('统一社会信用代码应为18位数字或大写字母');
  });
  it('imports the enterprise list from Excel, and lists the rows to correct when it is refused', async () => {
    let refuse = true;
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      ImportEnterprisesXlsx: () => {
        if (!refuse) return { data: { importEnterprisesXlsx: 2 } };
        refuse = false;
        return graphqlError('BAD_USER_INPUT', 'Invalid input', {
          fields: [{ path: 'rows.3.creditCode', message: '校验码错误' }],
        });
      },
    });
    wrapper = (await openPage(api, '/cases/new')).wrapper;
    const input = wrapper.find('[data-test="enterprise-import-file"]');
    const choose = async (file: File) => {
      Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
      await input.trigger('change');
      await flushPromises();
    };
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    await choose(new File([bytes], '企业名录.xlsx'));

    await vi.waitFor(() => expect(api.callsOf('ImportEnterprisesXlsx')).toHaveLength(1));
    expect(api.callsOf('ImportEnterprisesXlsx')[0]?.variables).toEqual({
      input: { file: btoa(String.fromCharCode(...bytes)) },
    });
    await vi.waitFor(() =>
      expect(wrapper?.find('[data-test="enterprise-import-problems"]').text()).toContain(
        '第 3 行 统一社会信用代码：校验码错误',
      ),
    );

    await choose(new File([bytes], '企业名录.xlsx'));
    await vi.waitFor(() => expect(api.callsOf('ImportEnterprisesXlsx')).toHaveLength(2));
    await vi.waitFor(() =>
      expect(wrapper?.find('[data-test="enterprise-import-problems"]').exists()).toBe(false),
    );
  });
});
