import type { procedureZhCN } from './procedure.zh-CN';

export const procedureEn: typeof procedureZhCN = {
  title: 'Procedure steps',
  steps: {
    verification: 'verification',
    headReview: "department head's review",
    grading: 'grading',
    followUp: 'follow-up',
  },
  skip: 'Skip {step}',
  skipped: 'Skipped',
  skippedBy: '{actor}: {reason}',
  register: 'Enterprise',
  marks: {
    FLAGGED: 'Not in the park’s register: awaits confirmation by verification (Art. 2)',
    CONFIRMED: 'Not in the register; verification confirmed it is registered and operating in the park',
    ADDED: 'Not in the register; added to it at registration',
  },
  tags: { FLAGGED: 'Enterprise to verify', CONFIRMED: 'Enterprise confirmed', ADDED: 'Added to register' },
  handlings: {
    REJECT: 'Rejected',
    FLAG_FOR_VERIFICATION: 'Registered and flagged for verification',
    ACCEPT_AND_ADD: 'Accepted and added to the register',
  },
  followUp: 'Follow-up',
  sampling: {
    ALL: 'Every case is followed up: this one too',
    STEP_ABSENT: 'No follow-up in the park rules',
    PERCENT: 'A {percent}% sample: this case is in bucket {bucket}, {result}',
    EVERY_NTH: 'One in every {everyNth}: this is case no. {ordinal}, {result}',
    in: 'sampled, to be followed up',
    out: 'not sampled, closed out without a follow-up',
  },
  absent: 'Absent',
  outsiders: 'Under the park rules, an enterprise not in the register is: {handling}',
};
