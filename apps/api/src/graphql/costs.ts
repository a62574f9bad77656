/**
 * What a field costs on top of its selection, where it does more than read a loaded row: several
 * queries, scans over many cases, rendering or hashing. Every other field costs 1. A request's cost
 * is the sum over its fields, aliases included, and is refused above GRAPHQL_MAX_COST (2000 by
 * default: nine dashboards, or a ledger page and a case).
 */
export const FIELD_COSTS: Readonly<Record<string, number>> = {
  // Figures over every park of a district, per month, per department; audited.
  'Query.dashboard': 200,
  // The cases behind a figure; audited.
  'Query.drillDown': 100,
  // A page of cases under filters, with the total count.
  'Query.ledger': 50,
  'Query.officeCases': 50,
  // A case and its own reads (each a query of its own when selected).
  'Query.case': 10,
  'Query.officeCase': 10,
  'Case.timeline': 5,
  'Case.documents': 5,
  'Case.attachments': 5,
  'Case.issuedDocuments': 5,
  'Case.issuableDocuments': 10,
  'Query.circularNotices': 10,
  'Query.enterprises': 10,
  'Query.documentBatch': 10,
  'Query.myDocumentBatches': 10,
  'Query.parkRulesDiff': 20,
  'Query.parkRulesChanges': 20,
  'Query.workingDayCalendar': 10,
  'Query.nationalCalendarFile': 10,
  'Query.failedJobs': 20,
  'Query.jobCounts': 10,
  'Query.districtIndicatorSettingsVersions': 10,
  // Password hashing (argon2id) on purpose slow.
  'Mutation.signIn': 100,
  'Mutation.createUser': 100,
  'Mutation.createPark': 100,
  'Mutation.createOfficeAccount': 100,
  // Documents rendered, converted or zipped; workbooks and files parsed.
  'Mutation.issueDocument': 100,
  'Mutation.convertIssuedDocumentPdf': 200,
  'Mutation.startDocumentBatch': 200,
  'Mutation.importEnterprises': 200,
  'Mutation.importEnterprisesXlsx': 200,
  'Mutation.importNationalCalendar': 50,
  'Mutation.validateParkRules': 20,
  'Mutation.publishParkRules': 50,
};
