import type { Document } from 'docx';
import {
  cell,
  conditional,
  CELL_MARGIN,
  formHeaderLine,
  formLineWithRight,
  formNote,
  formParagraph,
  formTable,
  labelCell,
  row,
  title,
} from '../layout/blocks.js';
import { gbDocument } from '../layout/gb-document.js';

// Columns: group label, field label, value, field label, value (sum: the 8845-twip type area).
const COLUMNS = [800, 1200, 2800, 1200, 2845];
const VALUE_SPAN = 3;
/** The text width of a cell spanning the value columns: their width less the cell margins. */
const WIDE_TEXT_WIDTH = COLUMNS[2] + COLUMNS[3] + COLUMNS[4] - 2 * CELL_MARGIN;

/** Attachment 2: 企业反映困难问题登记表, every row of the rulebook's table plus channel and verification. */
export function registrationFormTemplate(): Document {
  const basic = [
    row([
      labelCell(['企业', '基本', '情况'], { rowSpan: 6 }),
      labelCell('企业名称'),
      cell('{enterpriseName}', { columnSpan: VALUE_SPAN }),
    ]),
    row([labelCell('详细地址'), cell('{address}', { columnSpan: VALUE_SPAN })]),
    row([labelCell('反映时间'), cell('{reportedAt}'), labelCell('问题类别'), cell('{categoryLabel}')]),
    row([labelCell('联 系 人'), cell('{contactName}'), labelCell('职  务'), cell('{contactTitle}')]),
    row([labelCell('联系电话'), cell('{contactPhone}'), labelCell('电子邮箱'), cell('{contactEmail}')]),
    row([labelCell('反映渠道'), cell('{channel}'), labelCell('反映形式'), cell('{reportForm}')]),
  ];
  const wide = { columnSpan: VALUE_SPAN, vertical: 'top' as const };
  const table = formTable(COLUMNS, [
    ...basic,
    row(
      [
        labelCell(['企业反映', '困难问题'], { columnSpan: 2 }),
        cell(
          [
            formParagraph('{description}'),
            formLineWithRight('附件：{attachmentsNote}', '（可另附页）', WIDE_TEXT_WIDTH),
          ],
          wide,
        ),
      ],
      2400,
    ),
    row(
      [
        labelCell(['希望协调解决', '事项的部门'], { columnSpan: 2 }),
        cell(
          [
            formParagraph('{#hopedDepartments}'),
            formParagraph('{name}'),
            formParagraph('{/hopedDepartments}'),
          ],
          wide,
        ),
      ],
      760,
    ),
    row(
      [
        labelCell('核实情况', { columnSpan: 2 }),
        cell(
          [
            formParagraph('{verificationNotes}'),
            ...conditional('policyDiscussion', '政策性较强，已组织有关方面讨论。'),
            ...conditional('major', '重大疑难事项，已向分管业务领导汇报。'),
          ],
          wide,
        ),
      ],
      1080,
    ),
    row(
      [
        labelCell(['分管领导', '甄别意见'], { columnSpan: 2 }),
        cell(
          [
            formParagraph('{screeningOpinion}'),
            formParagraph('{leaderOpinion}'),
            formParagraph('签字：{leaderName}\u3000{leaderSignedAt}', 'right'),
          ],
          wide,
        ),
      ],
      1620,
    ),
  ]);
  return gbDocument({
    title: '企业反映困难问题登记表',
    children: [
      title('企业反映困难问题登记表'),
      formHeaderLine('问题类别：{categoryLabel}', '登记编号：{registrationNo}'),
      table,
      formNote('注：1.问题类别按{categoryList}进行分类；'),
      formNote('2.登记编号统一用：{registrationNoFormat}；'),
      formNote('3.反映形式为{reportFormList}等。'),
    ],
  });
}
