import type { Document } from 'docx';
import { body, letterImprintIf } from '../layout/blocks.js';
import { letterDocument } from '../layout/letter-document.js';

/**
 * 移交函 in the letter format: an overdue case its supervision letter did not move, handed over to
 * an outside office (督查室、效能办) for its supervision; the offices copied in the 版记.
 */
export function handoverLetterTemplate(): Document {
  return letterDocument({
    title: '移交函',
    heading: '关于移交超期未办结企业困难问题的函',
    salutation: '{addressee}：',
    body: [
      body(
        '{enterpriseName}反映的{difficulty}问题，登记编号{registrationNo}，交办编号或商函编号{handlingNo}。',
      ),
      body(
        '该事项由{responsibleUnit}办理，办结时限为{dueDate}，逾期未办结。我委已于{supervisedOn}发函督办（{supervisionLetterNo}），至今仍未办结，已逾期{overdueDays}个工作日。',
      ),
      body('现将该事项移交你单位，请予督查督办。'),
      body('联系人：{contactName}\u3000\u3000联系电话：{contactPhone}'),
      body('特此函告。'),
    ],
    after: [...letterImprintIf('hasCc', '抄送：{ccOffices}。')],
  });
}
