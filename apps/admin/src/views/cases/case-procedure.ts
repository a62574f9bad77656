import type { CaseDetailFieldsFragment } from '@/gql/graphql';

type Translate = (key: string, values?: Record<string, unknown>) => string;
type CaseEvent = CaseDetailFieldsFragment['timeline'][number];
type FollowUpSampling = NonNullable<CaseDetailFieldsFragment['followUpSampling']>;

/** Whether the case is followed up, and why, in words (the basis is the API's, Art. 10). */
export function samplingText(t: Translate, sampling: FollowUpSampling): string {
  const result = t(`case.procedure.sampling.${sampling.sampled ? 'in' : 'out'}`);
  switch (sampling.basis) {
    case 'PERCENT':
      return t('case.procedure.sampling.PERCENT', { ...sampling, result });
    case 'EVERY_NTH':
      return t('case.procedure.sampling.EVERY_NTH', { ...sampling, result });
    case 'STEP_ABSENT':
      return t('case.procedure.sampling.STEP_ABSENT');
    default:
      return t('case.procedure.sampling.ALL');
  }
}

/** The label of an act's button and dialog: a skip names the step it skips. */
export function actionTitle(t: Translate, action: string, caseData: CaseDetailFieldsFragment): string {
  if (action === 'skipStep' && caseData.stepDueNow)
    return t('case.procedure.skip', { step: t(`case.procedure.steps.${caseData.stepDueNow}`) });
  return t(`case.actions.${action}`);
}

export interface SkippedStep {
  step: string;
  actor: string | null;
  reason: string;
}

/** The skips of the current round, each with who and why, from the timeline. */
export function skippedSteps(caseData: CaseDetailFieldsFragment): SkippedStep[] {
  const events = caseData.timeline.filter((event: CaseEvent) => event.type === 'StepSkipped');
  return caseData.skippedSteps.map((step) => {
    const event = events.filter((e) => (e.data as { step?: string } | null)?.step === step).at(-1);
    const data = (event?.data ?? {}) as { reason?: string };
    return { step, actor: event?.actorName ?? null, reason: data.reason ?? '' };
  });
}
