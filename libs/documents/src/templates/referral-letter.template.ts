import type { Document } from 'docx';
import {
  attachmentLabel,
  blankLine,
  body,
  cell,
  formTable,
  labelCell,
  letterImprint,
  row,
  title,
} from '../layout/blocks.js';
import { letterDocument } from '../layout/letter-document.js';

// 序号, 登记编号, 企业名称, 困难问题, 联系人及电话.
// The contact column holds 联系人及电话 and a phone number (023-79420001) each on one line.
const ISSUE_COLUMNS = [700, 2200, 1900, 2245, 1800];

/**
 * Art. 7.2 and Attachment 4 in the letter format (信函格式). Title, salutation, body and closing are
 * the park's wording (rules.letters.referral) as filled by the caller; the issue list is attached.
 */
export function referralLetterTemplate(): Document {
  const issues = formTable(ISSUE_COLUMNS, [
    row([
      labelCell('序号'),
      labelCell('登记编号'),
      labelCell('企业名称'),
      labelCell('困难问题'),
      labelCell('联系人及电话'),
    ]),
    row([
      cell('{#issues}{no}', { align: 'center' }),
      cell('{registrationNo}', { align: 'left' }),
      cell('{enterpriseName}', { align: 'left' }),
      cell('{difficulty}'),
      cell('{contact}{/issues}', { align: 'left' }),
    ]),
  ]);
  return letterDocument({
    title: '关于解决企业困难问题的函',
    heading: '{title}',
    salutation: '{salutation}',
    body: [
      body('{body}'),
      body('联系电话：'),
      body('{serviceCenterName}\u3000\u3000{serviceCenterHotline}'),
      body('{enterpriseName}\u3000\u3000{enterpriseContactName}\u3000{enterpriseContactPhone}'),
      body('{closing}'),
      blankLine(),
      body('附件：企业困难问题清单'),
    ],
    after: [
      attachmentLabel('附件'),
      blankLine(),
      title('企业困难问题清单'),
      blankLine(),
      issues,
      letterImprint('抄送：{ccOffices}{#major}，{majorCcOffices}{/major}。'),
    ],
  });
}
