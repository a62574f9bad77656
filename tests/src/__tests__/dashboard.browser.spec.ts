// The district's dashboard in a real Chromium: the district viewer of 黔江区 sees the Zhengyang park
// beside the others and opens the cases behind one of its figures; the list adds up to the figure.
import type { Page } from 'playwright-core';
import { gql, login } from '../support/api.js';
import { describeInBrowser, expectText, signIn, withChromium } from '../support/browser.js';

const PARK = '重庆市正阳工业园区';

function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

describeInBrowser('dashboard of a district', () => {
  let page: Page;
  withChromium((opened) => (page = opened));

  it('shows the Zhengyang park to the district viewer and lists the cases behind its figure', async () => {
    // The console's default period: the twelve months up to this one.
    const today = new Date();
    const filter = {
      periodFrom: monthOf(new Date(today.getFullYear(), today.getMonth() - 11, 1)),
      periodTo: monthOf(today),
    };
    // A case registered now reaches the figures through the refresh job the change wrote.
    const registered = await gql(
      `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id } }`,
      {
        input: {
          enterpriseName: '重庆黔江驾驶舱测试有限公司',
          reportedAt: today.toISOString(),
          categoryCode: 'RECRUITMENT',
          channelCode: 'SERVICE_HALL',
          reportFormCode: 'IN_PERSON_OR_LETTER',
          contactName: '周喆',
          contactPhone: '13800000000',
          title: '招工困难',
          description: '旺季用工缺口约 200 人，希望协助对接劳务资源。',
        },
      },
      await login('zy.staff'),
    );
    if (!registered.data) throw new Error(`registerCase: ${JSON.stringify(registered.errors)}`);
    const viewer = await login('qianjiang');
    type ParkFigures = {
      parkId: string;
      parkName: string;
      indicators: { code: string; numerator: number }[];
    };
    let park: ParkFigures | undefined;
    let received = 0;
    // Until the figure includes the new case and has stopped moving: refresh jobs of the cases other
    // tests registered may still land, and the page must show what this test compares with.
    let steady = 0;
    for (let tries = 0; tries < 120 && steady < 3; tries++) {
      if (tries > 0) await new Promise((resolve) => setTimeout(resolve, received === 0 ? 250 : 2500));
      const { data, errors } = await gql(
        `query($filter: DashboardFilterInput!) {
           dashboard(filter: $filter) { contactsMasked parks { parkId parkName indicators { code numerator } } }
         }`,
        { filter },
        viewer,
      );
      if (!data) throw new Error(`dashboard: ${JSON.stringify(errors)}`);
      expect(data.dashboard.contactsMasked).toBe(true);
      park = (data.dashboard.parks as ParkFigures[]).find((p) => p.parkName === PARK);
      if (!park) throw new Error(`${PARK} is not on the district's dashboard`);
      const now = park.indicators.find((f) => f.code === 'RECEIVED')!.numerator;
      steady = now > 0 && now === received ? steady + 1 : 0;
      received = now;
    }
    if (!park || received === 0) throw new Error('the registered case never reached the dashboard');

    await signIn(page, 'qianjiang');
    await page.click('[data-test=nav-dashboards]');
    await page.waitForURL((url) => url.pathname === '/dashboards');
    await page.locator('[data-test=kpi-RECEIVED]').waitFor();
    // The chart is drawn, and the same figures are listed in its table.
    await page.locator('[data-test=chart-parks-chart] svg').first().waitFor();
    await page.click('[data-test=chart-parks-show-table]');
    await expectText(page, '[data-test=chart-parks-table]', PARK);
    const cell = `[data-test="chart-parks-cell-${park.parkId}-RECEIVED"]`;
    await expectText(page, cell, String(received));
    // Categories are named as the parks' rules name them, not by code (RECRUITMENT: 招工用工 in
    // Zhengyang's rules, 用工招聘 in Wulingshan's, of the same district: the latest published names it).
    const { data: labels } = await gql(
      `query($filter: DashboardFilterInput!) { dashboard(filter: $filter) { categories { code labelZh } } }`,
      { filter },
      viewer,
    );
    const recruitment = (labels!.dashboard.categories as { code: string; labelZh: string }[]).find(
      (c) => c.code === 'RECRUITMENT',
    )!.labelZh;
    expect(['招工用工', '用工招聘']).toContain(recruitment);
    await page.click('[data-test=chart-categories-show-table]');
    await expectText(page, '[data-test=chart-categories-table]', recruitment);

    await page.click(cell);
    await page.locator('[data-test=drill-drawer]').waitFor();
    await expectText(page, '[data-test=drill-total]', `共 ${received} 件问题，计 ${received}`);
    const rows = page.locator('[data-test=drill-cases] .el-table__body-wrapper tbody tr');
    expect(await rows.count()).toBe(Math.min(received, 50));
    await expectText(page, '[data-test=drill-drawer]', '联系人姓名和电话已脱敏');
  });
});
