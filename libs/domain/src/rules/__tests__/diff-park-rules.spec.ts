import { diffParkRules } from '../diff-park-rules.js';
import { parkRules } from './park-fixtures.js';

describe('diffParkRules', () => {
  it('finds nothing between equal versions', () => {
    expect(diffParkRules(parkRules('zhengyang'), parkRules('zhengyang'))).toEqual([]);
  });

  it('addresses list items by their code, so an insertion changes nothing else', () => {
    const before = parkRules('zhengyang');
    const after = parkRules('zhengyang');
    after.categories.unshift({ code: 'TAXES', labelZh: '税费', labelEn: 'Taxes', active: true });
    after.categories.find((c) => c.code === 'OTHER')!.active = false;
    after.deadlines.referralReply.amount = 7;
    after.ccOffices.pop();
    after.approvalRoutes[1].condition.categoryCodes = ['TAXES'];
    after.calendar.closures.push({ date: '2026-12-31', reason: '年终盘点' });

    expect(diffParkRules(before, after)).toEqual([
      { path: 'categories[code=TAXES]', kind: 'ADDED', before: undefined, after: after.categories[0] },
      { path: 'categories[code=OTHER].active', kind: 'CHANGED', before: true, after: false },
      {
        path: 'ccOffices[code=DISTRICT_RECTIFICATION_OFFICE]',
        kind: 'REMOVED',
        before: before.ccOffices[1],
        after: undefined,
      },
      {
        path: 'approvalRoutes[code=PARK_SEVERAL_DEPARTMENTS].condition.categoryCodes',
        kind: 'ADDED',
        before: undefined,
        after: ['TAXES'],
      },
      { path: 'deadlines.referralReply.amount', kind: 'CHANGED', before: 5, after: 7 },
      {
        path: 'calendar.closures[date=2026-12-31]',
        kind: 'ADDED',
        before: undefined,
        after: { date: '2026-12-31', reason: '年终盘点' },
      },
    ]);
  });

  it('reports a change of route order (the first match wins)', () => {
    const before = parkRules('zhengyang');
    const after = parkRules('zhengyang');
    [after.approvalRoutes[1], after.approvalRoutes[2]] = [after.approvalRoutes[2], after.approvalRoutes[1]];
    expect(diffParkRules(before, after)).toEqual([
      {
        path: 'approvalRoutes',
        kind: 'REORDERED',
        before: [
          'DISTRICT_REFERRAL',
          'PARK_SEVERAL_DEPARTMENTS',
          'PARK_COMPLEX',
          'PARK_SINGLE_DEPARTMENT',
          'FALLBACK',
        ],
        after: [
          'DISTRICT_REFERRAL',
          'PARK_COMPLEX',
          'PARK_SEVERAL_DEPARTMENTS',
          'PARK_SINGLE_DEPARTMENT',
          'FALLBACK',
        ],
      },
    ]);
  });

  it('shows lists of plain values whole and template changes by kind', () => {
    const before = parkRules('wulingshan');
    const after = parkRules('wulingshan');
    after.approvalRoutes[3].condition.categoryCodes = ['TAX_FEES'];
    after.templates.REFERRAL_LETTER = null;
    expect(diffParkRules(before, after)).toEqual([
      {
        path: 'approvalRoutes[code=POLICY_HEAVY_INCENTIVES].condition.categoryCodes',
        kind: 'CHANGED',
        before: ['POLICY_INCENTIVES', 'TAX_FEES'],
        after: ['TAX_FEES'],
      },
      {
        path: 'templates.REFERRAL_LETTER',
        kind: 'CHANGED',
        before: 'wulingshan-referral-letter-v1',
        after: null,
      },
    ]);
  });
});
