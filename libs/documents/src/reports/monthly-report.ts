import type { MonthlyReport } from '@qifu/domain';
import { chineseDate } from '../format/chinese-date.js';
import {
  blankLine,
  body,
  cell,
  flush,
  formTable,
  heading,
  labelCell,
  row,
  signature,
  title,
} from '../layout/blocks.js';
import { gbDocument, packStable } from '../layout/gb-document.js';
import { TEXT_WIDTH } from '../layout/gbt9704.js';

/** Columns summing to the type area's width. */
function columns(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w * TEXT_WIDTH) / total));
  widths[0] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/**
 * A district's monthly report (月报) as Word, in the general format of GB/T 9704: the indicators of
 * the month, the parks side by side, and the departments named for delay. Built from data, not from
 * a park template: the district issues it, and its wording is the report's own.
 */
export async function renderMonthlyReportDocx(report: MonthlyReport): Promise<Buffer> {
  const summary = formTable(columns([5, 3, 3]), [
    row([labelCell('指标'), labelCell('本月'), labelCell('计算依据')]),
    ...report.summary.map((r) =>
      row([cell(r.label), cell(r.value, { align: 'center' }), cell(r.basis, { align: 'center' })]),
    ),
  ]);
  const parks = formTable(columns([4, 2, 2, 2, 2, 2, 2]), [
    row([labelCell('园区'), ...report.parkColumns.map((c) => labelCell(c))]),
    ...report.parkRows.map((p) =>
      row([
        cell(p.ranked ? p.parkName : `${p.parkName}（样本不足，不参与排名）`),
        ...p.cells.map((c) => cell(c, { align: 'center' })),
      ]),
    ),
  ]);
  const delayed = report.delayed.length
    ? [
        formTable(columns([4, 4, 2, 2, 2]), [
          row([
            labelCell('园区'),
            labelCell('部门'),
            labelCell('逾期答复'),
            labelCell('逾期办结'),
            labelCell('当前超期'),
          ]),
          ...report.delayed.map((d) =>
            row([
              cell(d.parkName),
              cell(d.departmentName),
              cell(String(d.lateReplies), { align: 'center' }),
              cell(String(d.lateCompletions), { align: 'center' }),
              cell(String(d.overdueNow), { align: 'center' }),
            ]),
          ),
        ]),
      ]
    : [];
  const document = gbDocument({
    title: `${report.title}（${report.monthLabel}）`,
    children: [
      title(report.title),
      title(`（${report.monthLabel}）`),
      blankLine(),
      body(
        `现将${report.monthLabel}${report.districtName}各园区企业反映困难问题办理情况报告如下。当前超期、商函未复等为截至${chineseDate(report.asOf)}的数据；指标口径为本区第 ${report.settingsVersion} 版设置。`,
      ),
      heading(1, '一、总体情况'),
      summary,
      blankLine(),
      heading(1, '二、各园区情况'),
      parks,
      blankLine(),
      heading(1, '三、办理滞后的部门'),
      body(report.delaySentence),
      ...delayed,
      blankLine(),
      ...signature(report.districtName, chineseDate(report.asOf)),
      flush(''),
    ],
  });
  return packStable(document);
}
