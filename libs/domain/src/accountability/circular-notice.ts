/**
 * Art. 11: 问题交办过程中不服从调度、久拖不办、敷衍塞责的情形，由园区服务企业领导小组办公室进行通报.
 * A circular notice (通报) names one department, the cases it failed on, and why.
 */
export const CIRCULAR_NOTICE_GROUNDS = {
  NON_COMPLIANCE: { zh: '不服从调度', en: 'Not following the assignment' },
  DELAY: { zh: '久拖不办', en: 'Long delay' },
  PERFUNCTORY: { zh: '敷衍塞责', en: 'Perfunctory handling' },
} as const;
export type CircularNoticeGround = keyof typeof CIRCULAR_NOTICE_GROUNDS;
export const CIRCULAR_NOTICE_GROUND_CODES = Object.keys(CIRCULAR_NOTICE_GROUNDS) as CircularNoticeGround[];

export interface CircularNoticeDraft {
  departmentId: string;
  grounds: string[];
  caseIds: string[];
  content: string;
}

/** The cases a notice may name: those the department was given (lead, cooperating or referred). */
export interface NoticeableCase {
  id: string;
  departmentIds: readonly string[];
}

export interface NoticeProblem {
  path: string;
  message: string;
}

const MAX_CASES = 200;

/**
 * Every problem of a draft, with its path; none means it may be issued. `cases` are the park's
 * cases among `draft.caseIds` (an id missing from them does not exist in the park).
 */
export function circularNoticeProblems(
  draft: CircularNoticeDraft,
  cases: readonly NoticeableCase[],
): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  if (!draft.departmentId?.trim()) problems.push({ path: 'departmentId', message: '请选择被通报的部门' });
  const known: readonly string[] = CIRCULAR_NOTICE_GROUND_CODES;
  if (draft.grounds.length === 0) problems.push({ path: 'grounds', message: '请至少选择一种情形' });
  draft.grounds.forEach((ground, index) => {
    if (!known.includes(ground))
      problems.push({ path: `grounds[${index}]`, message: `应为以下之一：${known.join('、')}` });
  });
  if (new Set(draft.grounds).size !== draft.grounds.length)
    problems.push({ path: 'grounds', message: '情形不能重复' });
  if (!draft.content?.trim()) problems.push({ path: 'content', message: '请填写通报内容' });

  if (draft.caseIds.length === 0) problems.push({ path: 'caseIds', message: '请至少选择一个事项' });
  if (draft.caseIds.length > MAX_CASES)
    problems.push({ path: 'caseIds', message: `一次最多通报 ${MAX_CASES} 个事项` });
  if (new Set(draft.caseIds).size !== draft.caseIds.length)
    problems.push({ path: 'caseIds', message: '事项不能重复' });
  const byId = new Map(cases.map((c) => [c.id, c]));
  draft.caseIds.forEach((id, index) => {
    const found = byId.get(id);
    if (!found) problems.push({ path: `caseIds[${index}]`, message: '本园区没有这个事项' });
    else if (draft.departmentId && !found.departmentIds.includes(draft.departmentId))
      problems.push({ path: `caseIds[${index}]`, message: '该事项未交办给被通报的部门' });
  });
  return problems;
}
