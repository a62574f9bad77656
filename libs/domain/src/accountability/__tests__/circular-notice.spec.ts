import { circularNoticeProblems, type CircularNoticeDraft } from '../circular-notice.js';

const ECONOMIC = 'dept-economic';
const FINANCE = 'dept-finance';
const CASES = [
  { id: 'case-1', departmentIds: [ECONOMIC] },
  { id: 'case-2', departmentIds: [ECONOMIC, FINANCE] },
  { id: 'case-3', departmentIds: [FINANCE] },
];
const draft = (overrides: Partial<CircularNoticeDraft> = {}): CircularNoticeDraft => ({
  departmentId: ECONOMIC,
  grounds: ['DELAY'],
  caseIds: ['case-1', 'case-2'],
  content: '经济发展部对交办事项久拖不办，予以通报。',
  ...overrides,
});

describe('a circular notice (Art. 11)', () => {
  it('names a department, the cases it was given, the grounds and the wording', () => {
    expect(circularNoticeProblems(draft(), CASES)).toEqual([]);
  });

  it('refuses cases of another department or of no case at all, naming each by its place', () => {
    expect(circularNoticeProblems(draft({ caseIds: ['case-1', 'case-3', 'case-9'] }), CASES)).toEqual([
      { path: 'caseIds[1]', message: '该事项未交办给被通报的部门' },
      { path: 'caseIds[2]', message: '本园区没有这个事项' },
    ]);
  });

  it('lists every problem of an empty or wrong draft at once', () => {
    const paths = circularNoticeProblems(
      { departmentId: '', grounds: ['LATE', 'LATE'], caseIds: [], content: ' ' },
      CASES,
    ).map((p) => p.path);
    expect(paths).toEqual(['departmentId', 'grounds[0]', 'grounds[1]', 'grounds', 'content', 'caseIds']);
  });
});
