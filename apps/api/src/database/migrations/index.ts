import { Foundation1764300000000 } from './1764300000000-foundation.js';
import { ParkRules1764400000000 } from './1764400000000-park-rules.js';
import { Cases1764500000000 } from './1764500000000-cases.js';
import { CircularNotices1764600000000 } from './1764600000000-circular-notices.js';
import { RegisterCaseFunction1764700000000 } from './1764700000000-register-case-function.js';
import { CaseAttachments1764800000000 } from './1764800000000-case-attachments.js';
import { JobsOutbox1765000000000 } from './1765000000000-jobs-outbox.js';
import { Notifications1765100000000 } from './1765100000000-notifications.js';
import { OfficialDocuments1765300000000 } from './1765300000000-official-documents.js';
import { Dashboards1765400000000 } from './1765400000000-dashboards.js';
import { IssuedDocumentPdfs1765500000000 } from './1765500000000-issued-document-pdfs.js';
import { DocumentBatches1765600000000 } from './1765600000000-document-batches.js';
import { DistrictRulesReads1765700000000 } from './1765700000000-district-rules-reads.js';
import { DropDuplicateLedgerIndex1765800000000 } from './1765800000000-drop-duplicate-ledger-index.js';
import { NationalCalendar1765900000000 } from './1765900000000-national-calendar.js';
import { ActiveDepartmentNames1766000000000 } from './1766000000000-active-department-names.js';
import { OutsideOffices1766030000000 } from './1766030000000-outside-offices.js';
import { AssignmentTiers1766060000000 } from './1766060000000-assignment-tiers.js';
import { ProcedureSteps1766040000000 } from './1766040000000-procedure-steps.js';
import { EnterpriseLinks1766070000000 } from './1766070000000-enterprise-links.js';
import { DashboardDepartments1766080000000 } from './1766080000000-dashboard-departments.js';
import { SessionRevocation1766081000000 } from './1766081000000-session-revocation.js';
import { LeaderReports1766090000000 } from './1766090000000-leader-reports.js';

/** Every migration, in order. Migrations only: the schema is never synchronised from entities. */
export const MIGRATIONS = [
  Foundation1764300000000,
  ParkRules1764400000000,
  Cases1764500000000,
  CircularNotices1764600000000,
  RegisterCaseFunction1764700000000,
  CaseAttachments1764800000000,
  JobsOutbox1765000000000,
  Notifications1765100000000,
  OfficialDocuments1765300000000,
  Dashboards1765400000000,
  IssuedDocumentPdfs1765500000000,
  DocumentBatches1765600000000,
  DistrictRulesReads1765700000000,
  DropDuplicateLedgerIndex1765800000000,
  NationalCalendar1765900000000,
  ActiveDepartmentNames1766000000000,
  OutsideOffices1766030000000,
  ProcedureSteps1766040000000,
  AssignmentTiers1766060000000,
  EnterpriseLinks1766070000000,
  DashboardDepartments1766080000000,
  SessionRevocation1766081000000,
  LeaderReports1766090000000,
];
