import type { Document } from 'docx';
import { body, letterImprintIf } from '../layout/blocks.js';
import { letterDocument } from '../layout/letter-document.js';

/**
 * Art. 10: 督办函 for a case not closed on time, in the letter format. Title, salutation, body and
 * closing are the park's wording (rules.letters.supervision, or letters.referralSupervision to a
 * district bureau) as filled by the caller.
 */
export function supervisionLetterTemplate(): Document {
  return letterDocument({
    title: '督办函',
    heading: '{title}',
    salutation: '{salutation}',
    body: [
      body('{body}'),
      // A bureau was written to, not assigned the case: its letter is cited, one line or the other.
      body(
        '{#referral}函请事项：{enterpriseName}反映的{difficulty}问题（登记编号：{registrationNo}；商函编号：{referralLetterNo}；发函日期：{referredOn}；回复时限：{dueDate}），已逾期{overdueDays}个工作日。{/referral}' +
          '{^referral}交办事项：{enterpriseName}反映的{difficulty}问题（登记编号：{registrationNo}；交办编号：{assignmentNo}；交办日期：{assignedOn}；办结时限：{dueDate}），已逾期{overdueDays}个工作日。{/referral}',
      ),
      body('联系人：{contactName}\u3000\u3000联系电话：{contactPhone}'),
      body('{closing}'),
    ],
    after: [...letterImprintIf('hasCc', '抄送：{ccOffices}。')],
  });
}
