import { monthlyReportOf, type IndicatorValue } from '@qifu/domain';
import { renderMonthlyReportDocx } from '../reports/monthly-report.js';
import { attributesOf, documentText, partXml } from './docx-test-utils.js';

const v = (code: IndicatorValue['code'], numerator: number, denominator: number | null): IndicatorValue => ({
  code,
  numerator,
  denominator,
  value: denominator === null ? numerator : denominator ? numerator / denominator : null,
});
const indicators = [
  v('RECEIVED', 12, null),
  v('REPLY_ON_TIME_RATE', 9, 10),
  v('COMPLETION_ON_TIME_RATE', 3, 4),
  v('RESOLUTION_RATE', 2, 3),
  v('SATISFACTION_RATE', 3, 3),
  v('OVERDUE_NOW', 1, null),
];

describe('monthly report as Word', () => {
  it('prints the indicators, the parks and the departments named for delay, on the GB/T page', async () => {
    const docx = await renderMonthlyReportDocx(
      monthlyReportOf({
        districtName: '黔江区',
        month: '2026-10',
        asOf: '2026-11-03',
        settingsVersion: 1,
        indicators,
        parks: [
          {
            parkName: '重庆市正阳工业园区',
            ranked: true,
            indicators,
            departments: [
              {
                departmentName: '经济发展部',
                replyOnTime: v('REPLY_ON_TIME_RATE', 9, 10),
                completionOnTime: v('COMPLETION_ON_TIME_RATE', 3, 4),
                overdueNow: 1,
              },
            ],
          },
          { parkName: '武陵山工业园区', ranked: false, indicators, departments: [] },
        ],
      }),
    );
    const text = documentText(docx);
    for (const piece of [
      '黔江区企业反映困难问题办理情况月报',
      '（2026年10月）',
      '截至2026年11月3日',
      '一、总体情况',
      '按时答复率',
      '90.0%',
      '9 / 10',
      '二、各园区情况',
      '重庆市正阳工业园区',
      '武陵山工业园区（样本不足，不参与排名）',
      '三、办理滞后的部门',
      '共 1 个：重庆市正阳工业园区经济发展部',
      '逾期答复',
      '2026年11月3日',
    ])
      expect(text).toContain(piece);
    const xml = partXml(docx);
    expect(attributesOf(xml.slice(xml.lastIndexOf('<w:sectPr')), 'w:pgSz')).toMatchObject({
      'w:w': '11906',
      'w:h': '16838',
    });
  });
});
