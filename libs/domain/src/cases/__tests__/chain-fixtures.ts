import type { ApprovalRoute, ParkRules } from '../../rules/park-rules.schema.js';
import { parkRules } from '../../rules/__tests__/park-fixtures.js';
import { assertValidParkRules } from '../../rules/validate-park-rules.js';

const route = (
  code: string,
  condition: ApprovalRoute['condition'],
  approvalSteps: ApprovalRoute['approvalSteps'],
  sendsReferralLetter = false,
): ApprovalRoute => ({
  code,
  labelZh: `${code}（测试）`,
  labelEn: `${code} (test)`,
  condition,
  sendsReferralLetter,
  approvalSteps,
});

/**
 * Zhengyang's rules with approval chains: several departments need the leader in charge and then the
 * executive deputy director; a single department is assigned by the office directly; a key project
 * (a park flag) is signed in the other order, and its district letters go out without sign-off.
 */
export function chainRules(): ParkRules {
  const zhengyang = parkRules('zhengyang');
  const byCode = new Map(zhengyang.approvalRoutes.map((r) => [r.code, r]));
  return assertValidParkRules({
    ...zhengyang,
    caseFlags: [
      { code: 'KEY_PROJECT', labelZh: '重点项目', labelEn: 'Key project' },
      { code: 'REPEATED', labelZh: '重复反映', labelEn: 'Reported again' },
    ],
    approvalRoutes: [
      route('KEY_PROJECT_DISTRICT', { jurisdiction: 'DISTRICT', flagCodes: ['KEY_PROJECT'] }, [], true),
      byCode.get('DISTRICT_REFERRAL')!,
      route('KEY_PROJECT', { flagCodes: ['KEY_PROJECT'] }, [
        { role: 'EXECUTIVE_DEPUTY_DIRECTOR', labelZh: '常务副主任审签' },
        { role: 'LEADER_IN_CHARGE', labelZh: '分管领导会签', labelEn: 'Leader in charge co-signs' },
      ]),
      route('PARK_SEVERAL_DEPARTMENTS', { jurisdiction: 'PARK', departmentCountMin: 2 }, [
        { role: 'LEADER_IN_CHARGE', labelZh: '分管领导审核', labelEn: 'Leader in charge reviews' },
        { role: 'EXECUTIVE_DEPUTY_DIRECTOR', labelZh: '常务副主任审签', labelEn: 'Executive deputy signs' },
      ]),
      byCode.get('PARK_COMPLEX')!,
      route('PARK_SINGLE_DEPARTMENT', { jurisdiction: 'PARK', departmentCountMax: 1 }, []),
      byCode.get('FALLBACK')!,
    ],
  });
}
