// Values the tests send where any valid one will do.

/** A case as the service center registers it for `enterpriseId`, reported now, in person. */
export function registrationInput(enterpriseId: string, title = '招工难'): Record<string, unknown> {
  return {
    enterpriseId,
    reportedAt: new Date().toISOString(),
    categoryCode: 'RECRUITMENT',
    channelCode: 'SERVICE_HALL',
    reportFormCode: 'IN_PERSON_OR_LETTER',
    contactName: '张先生',
    contactPhone: '13800000000',
    title,
    description: '一线工人缺口较大。',
  };
}
