import { describe, expect, it } from '@jest/globals';
import { jobsOf, type OutboxRow } from '../dispatcher.js';

const row = (
  id: number,
  park: string,
  name: string,
  data: Record<string, unknown>,
  key = `k${id}`,
): OutboxRow => ({
  id: String(id),
  park_id: park,
  job_name: name,
  job_key: key,
  data,
  not_before: null,
});

describe('outbox rows as queue jobs', () => {
  it('hands a park’s dashboard refreshes found together to the queue as one job, the others as they are', () => {
    const jobs = jobsOf([
      row(1, 'p1', 'dashboard.refreshCase', { caseId: 'c1' }),
      row(2, 'p1', 'case.superviseOverdue', { caseId: 'c1' }, 'supervise/c1'),
      row(3, 'p2', 'dashboard.refreshCase', { caseId: 'c9' }, 'dashboard/c9/2'),
      row(4, 'p1', 'dashboard.refreshCase', { caseId: 'c2' }),
      row(7, 'p1', 'dashboard.refreshCase', { caseId: 'c1' }),
    ]);
    expect(jobs).toEqual([
      {
        name: 'case.superviseOverdue',
        data: { caseId: 'c1', parkId: 'p1' },
        jobId: 'supervise/c1',
        notBefore: null,
      },
      {
        name: 'dashboard.refreshCase',
        data: { parkId: 'p1', caseIds: ['c1', 'c2', 'c1'] },
        jobId: 'dashboard.refreshCase/p1/1-7-3',
        notBefore: null,
      },
      // Alone, a row keeps its own key.
      {
        name: 'dashboard.refreshCase',
        data: { caseId: 'c9', parkId: 'p2' },
        jobId: 'dashboard/c9/2',
        notBefore: null,
      },
    ]);
  });

  it('names a coalesced job by exactly its rows, so the same batch taken again adds nothing new', () => {
    const batch = [
      row(10, 'p1', 'dashboard.refreshCase', { caseId: 'a' }),
      row(12, 'p1', 'dashboard.refreshCase', { caseId: 'b' }),
    ];
    expect(jobsOf(batch)[0].jobId).toBe(jobsOf([...batch]).at(0)!.jobId);
    const grown = [...batch, row(13, 'p1', 'dashboard.refreshCase', { caseId: 'c' })];
    expect(jobsOf(grown)[0].jobId).not.toBe(jobsOf(batch)[0].jobId);
  });
});
