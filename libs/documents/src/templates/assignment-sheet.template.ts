import type { Document } from 'docx';
import {
  cell,
  conditional,
  formFootNote,
  formHeaderLine,
  formNote,
  formParagraph,
  formTable,
  labelCell,
  row,
  title,
} from '../layout/blocks.js';
import { gbDocument } from '../layout/gb-document.js';

// Columns: group label, field label, value, field label, value (sum: the 8845-twip type area).
const COLUMNS = [900, 1800, 2545, 1300, 2300];

/** Attachment 3: 企业反映困难问题交办单, every row of the rulebook's table; the approving leader signs above it. */
export function assignmentSheetTemplate(): Document {
  const table = formTable(COLUMNS, [
    row(
      [
        labelCell(['交办', '事项'], { rowSpan: 4 }),
        labelCell(['需要办理或', '协调解决事项']),
        cell([formParagraph('{difficulty}'), formParagraph('（可另附页）', 'right')], {
          columnSpan: 3,
          vertical: 'top',
        }),
      ],
      2400,
    ),
    row([labelCell('反映企业'), cell('{enterpriseName}', { columnSpan: 3 })]),
    row([labelCell('企业地址'), cell('{address}', { columnSpan: 3 })]),
    row([labelCell('联 系 人'), cell('{contactName}'), labelCell('联系电话'), cell('{contactPhone}')]),
    row(
      [
        labelCell(['办理', '要求'], { rowSpan: 2 }),
        labelCell('牵头办理部室'),
        cell('{leadDepartment}'),
        labelCell('交办日期'),
        cell('{assignedOn}'),
      ],
      700,
    ),
    row(
      [
        labelCell('{cooperatingLabel}'),
        cell([
          formParagraph('{#cooperatingDepartments}'),
          formParagraph('{name}'),
          formParagraph('{/cooperatingDepartments}'),
        ]),
        labelCell('办结时限'),
        cell('{dueOn}'),
      ],
      1000,
    ),
    row(
      [
        labelCell('备注', { columnSpan: 2 }),
        cell(
          [
            formParagraph('登记编号：{registrationNo}'),
            ...conditional('major', '重大疑难事项。'),
            formParagraph('{remarks}'),
          ],
          { columnSpan: 3, vertical: 'top' },
        ),
      ],
      1200,
    ),
  ]);
  return gbDocument({
    title: '企业反映困难问题交办单',
    children: [
      title('企业反映困难问题交办单'),
      formHeaderLine('交办领导（签字）：{approverTitle} {approverName}', '交办编号：{assignmentNo}'),
      table,
      formNote('注：交办编号统一用：{assignmentNoFormat}。'),
      // 抄送 the offices the rules copy on assignment sheets; no line when there are none.
      formNote('{#hasCc}'),
      formFootNote('抄送：{ccOffices}。'),
      formNote('{/hasCc}'),
    ],
  });
}
