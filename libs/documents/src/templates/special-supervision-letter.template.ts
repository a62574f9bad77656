import type { Document } from 'docx';
import { body } from '../layout/blocks.js';
import { letterDocument } from '../layout/letter-document.js';

/** Art. 10: 专项督办函 for incomplete, non-standard or unsatisfactory handling, in the letter format. */
export function specialSupervisionLetterTemplate(): Document {
  return letterDocument({
    title: '专项督办函',
    heading: '关于对企业反映问题实行专项督办的函',
    salutation: '{addressee}：',
    body: [
      body(
        '你单位办理的{enterpriseName}反映的{difficulty}问题（登记编号：{registrationNo}；交办编号：{assignmentNo}），已于{respondedOn}答复企业。经跟踪问效，该问题存在以下情形：',
      ),
      body('{#reasons}'),
      body('{no}.{label}。{detail}'),
      body('{/reasons}'),
      body(
        '根据企业反映困难问题收集和办理工作有关规定，现对该问题实行专项督办。请你单位高度重视，重新研究办理，于{replyDueOn}前规范答复企业，并将办理结果经部室负责人审核后书面报送{leadingGroupOfficeName}。',
      ),
      body('联系人：{contactName}\u3000\u3000联系电话：{contactPhone}'),
      body('特此函告。'),
    ],
  });
}
