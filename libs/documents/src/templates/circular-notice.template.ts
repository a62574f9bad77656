import type { Document } from 'docx';
import {
  blankLine,
  body,
  documentImprint,
  documentMasthead,
  flush,
  heading,
  signature,
  title,
} from '../layout/blocks.js';
import { gbDocument } from '../layout/gb-document.js';

/** Art. 11: 通报 naming a department, its cases, the grounds and what follows, in the general format. */
export function circularNoticeTemplate(): Document {
  return gbDocument({
    title: '通报',
    children: [
      ...documentMasthead('{issuingBodyName}', '{noticeNo}'),
      blankLine(),
      blankLine(),
      title('关于{departmentName}办理企业反映困难问题情况的通报'),
      blankLine(),
      flush('{addressee}：'),
      body('{content}'),
      body('现将有关情况通报如下：'),
      heading(1, '一、通报事项'),
      body('{#cases}'),
      heading(2, '（{no}）{enterpriseName}反映的{difficulty}问题'),
      body(
        '登记编号：{registrationNo}；交办编号：{assignmentNo}；交办日期：{assignedOn}；办结时限：{dueOn}。办理情况：{handling}。',
      ),
      body('{/cases}'),
      heading(1, '二、存在的问题'),
      body('{departmentName}在上述事项办理过程中存在{#grounds}“{label}”{/grounds}的情形。'),
      heading(1, '三、处理意见'),
      body('{consequence}'),
      blankLine(),
      ...signature('{issuingBodyName}', '{issuedOn}'),
      blankLine(),
      blankLine(),
      ...documentImprint('抄送：{cc}。', '{printingOffice}', '{printedOn}'),
    ],
  });
}
