import type { Document } from 'docx';
import {
  blankLine,
  body,
  flush,
  letterImprintIf,
  letterMasthead,
  letterNumber,
  signature,
  title,
} from '../layout/blocks.js';
import { gbDocument } from '../layout/gb-document.js';

/**
 * Art. 10: 督办函 for a case not closed on time, in the letter format. Title, salutation, body and
 * closing are the park's wording (rules.letters.supervision, or letters.referralSupervision to a
 * district bureau) as filled by the caller.
 */
export function supervisionLetterTemplate(): Document {
  return gbDocument({
    title: '督办函',
    letterMasthead: letterMasthead('{issuingBodyName}'),
    children: [
      letterNumber('{letterNo}'),
      blankLine(),
      blankLine(),
      title('{title}'),
      blankLine(),
      flush('{salutation}'),
      body('{body}'),
      // A bureau was written to, not assigned the case: its letter is cited, one line or the other.
      body(
        '{#referral}函请事项：{enterpriseName}反映的{difficulty}问题（登记编号：{registrationNo}；商函编号：{referralLetterNo}；发函日期：{referredOn}；回复时限：{dueDate}），已逾期{overdueDays}个工作日。{/referral}' +
          '{^referral}交办事项：{enterpriseName}反映的{difficulty}问题（登记编号：{registrationNo}；交办编号：{assignmentNo}；交办日期：{assignedOn}；办结时限：{dueDate}），已逾期{overdueDays}个工作日。{/referral}',
      ),
      body('联系人：{contactName}\u3000\u3000联系电话：{contactPhone}'),
      body('{closing}'),
      blankLine(),
      ...signature('{issuingBodyName}', '{issuedOn}'),
      ...letterImprintIf('hasCc', '抄送：{ccOffices}。'),
    ],
  });
}
