import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { RESOLVERS } from '../../app.module.js';
import { PERMISSION_METADATA, type Permission } from '../permission.decorator.js';

const RESOLVER_TYPE = 'graphql:resolver_type';
const RESOLVER_NAME = 'graphql:resolver_name';

/** Every Query and Mutation with the permission it declares, as `Type.field → rule`. */
function declaredPermissions(): Record<string, string> {
  const table: Record<string, string> = {};
  for (const resolver of RESOLVERS) {
    for (const method of Object.getOwnPropertyNames(resolver.prototype)) {
      const handler = resolver.prototype[method as keyof typeof resolver.prototype] as unknown as object;
      const type = Reflect.getMetadata(RESOLVER_TYPE, handler) as string | undefined;
      if (type !== 'Query' && type !== 'Mutation') continue;
      const name = (Reflect.getMetadata(RESOLVER_NAME, handler) as string | undefined) ?? method;
      const permission = Reflect.getMetadata(PERMISSION_METADATA, handler) as Permission | undefined;
      table[`${type}.${name}`] = !permission
        ? 'UNDECLARED'
        : permission.kind === 'ability'
          ? `${permission.action} ${permission.subject}`
          : permission.kind;
    }
  }
  return table;
}

describe('declared permissions', () => {
  it('every operation declares exactly what it requires', () => {
    // A new operation fails here until its permission is added: review it like a security change.
    expect(declaredPermissions()).toEqual({
      'Mutation.signIn': 'public',
      'Mutation.refreshSession': 'public',
      'Mutation.signOut': 'public',
      'Mutation.changePassword': 'signed-in',
      'Query.me': 'signed-in',
      'Query.myAbilities': 'signed-in',
      'Query.districts': 'read District',
      'Query.parks': 'read Park',
      'Mutation.createDistrict': 'create District',
      'Mutation.createPark': 'create Park',
      'Query.departments': 'read Department',
      'Mutation.createDepartment': 'create Department',
      'Mutation.updateDepartment': 'update Department',
      'Query.users': 'read User',
      'Mutation.createUser': 'create User',
      'Mutation.setUserRoles': 'update User',
      'Mutation.setUserActive': 'update User',
      'Mutation.resetUserPassword': 'update User',
      'Mutation.setUserEmail': 'update User',
      'Query.parkRules': 'read ParkRules',
      'Query.parkRulesVersions': 'read ParkRules',
      'Query.parkRulesDiff': 'read ParkRules',
      'Query.parkRulesChanges': 'update ParkRules',
      'Query.workingDays': 'read ParkRules',
      'Query.workingDayCalendar': 'read ParkRules',
      'Query.calendarYearsCovered': 'read ParkRules',
      'Mutation.validateParkRules': 'update ParkRules',
      'Mutation.publishParkRules': 'update ParkRules',
      'Query.nationalCalendarYears': 'read NationalCalendar',
      'Query.nationalCalendarStatus': 'read NationalCalendar',
      'Query.nationalCalendarFile': 'read NationalCalendar',
      'Mutation.importNationalCalendar': 'manage NationalCalendar',
      // The register is read by everyone who works on cases and by the park admin, who links
      // enterprises with the service center; adding enterprises goes with registering cases.
      'Query.enterprises': 'read Enterprise',
      'Mutation.setEnterpriseLink': 'update Enterprise',
      'Mutation.saveEnterprise': 'create Case',
      'Mutation.importEnterprises': 'create Case',
      'Mutation.importEnterprisesXlsx': 'create Case',
      'Query.ledger': 'read Case',
      'Query.case': 'read Case',
      'Mutation.registerCase': 'create Case',
      'Mutation.verifyCase': 'update Case',
      'Mutation.rejectCase': 'update Case',
      'Mutation.reportPart': 'update Case',
      'Mutation.recordPolicyDiscussion': 'update Case',
      'Mutation.reportToLeader': 'update Case',
      'Mutation.screenCase': 'update Case',
      'Mutation.approveCase': 'update Case',
      'Mutation.sendBackCase': 'update Case',
      'Mutation.startHandling': 'update Case',
      'Mutation.submitResult': 'update Case',
      'Mutation.reviewResult': 'update Case',
      'Mutation.recordReferralReply': 'update Case',
      'Mutation.gradeCase': 'update Case',
      'Mutation.recordFollowUp': 'update Case',
      'Mutation.closeOutCase': 'update Case',
      'Mutation.orderSpecialSupervision': 'update Case',
      'Mutation.superviseOverdue': 'update Case',
      'Mutation.requestExtension': 'update Case',
      'Mutation.decideExtension': 'update Case',
      'Mutation.objectToAssignment': 'update Case',
      'Mutation.decideObjection': 'update Case',
      'Mutation.recordCoordination': 'update Case',
      // An optional step of the rules, skipped by the service center (the domain admits it only).
      'Mutation.skipCaseStep': 'update Case',
      'Mutation.addProgressNote': 'read Case',
      // Art. 11: escalation is an act on the case (the domain admits the service center only);
      // notices are issued by the service center and read by everyone who works on cases.
      'Mutation.escalateCase': 'update Case',
      'Mutation.issueCircularNotice': 'create Case',
      'Query.circularNotices': 'read Case',
      // Attachments are uploaded and downloaded over HTTP (AttachmentController, checked there).
      'Query.attachmentPolicy': 'read Case',
      // Word files of a case are issued by the service center and read with the case (over HTTP);
      // the park's templates are part of its rules.
      'Mutation.issueDocument': 'create Case',
      'Mutation.convertIssuedDocumentPdf': 'create Case',
      // Batches are the issuer's own: the service reads only those the signed-in user started.
      'Mutation.startDocumentBatch': 'create Case',
      'Query.documentBatch': 'create Case',
      'Query.myDocumentBatches': 'create Case',
      'Query.documentTemplates': 'read ParkRules',
      'Mutation.activateDocumentTemplate': 'update ParkRules',
      // Everyone's own inbox: the service names the signed-in user in every query.
      'Query.notifications': 'signed-in',
      'Query.unreadNotificationCount': 'signed-in',
      'Mutation.markNotificationsRead': 'signed-in',
      'Mutation.markAllNotificationsRead': 'signed-in',
      // The job queue is the platform's (failed jobs: retry or discard).
      'Query.jobCounts': 'read Job',
      'Query.failedJobs': 'read Job',
      'Mutation.retryJob': 'update Job',
      'Mutation.discardJob': 'delete Job',
      'Query.dashboard': 'read Dashboard',
      'Query.drillDown': 'read Dashboard',
      'Query.districtIndicatorSettings': 'read Dashboard',
      'Query.districtIndicatorSettingsVersions': 'read Dashboard',
      'Mutation.updateDistrictIndicatorSettings': 'update Dashboard',
      // Outside offices: staff hand overdue cases over; accounts are the platform's and park
      // administrators'; the office read path is the office viewers' only, and read-only.
      'Mutation.handOverToOffice': 'update Case',
      'Query.officeAccounts': 'read OfficeAccount',
      'Query.outsideOffices': 'create OfficeAccount',
      'Mutation.createOfficeAccount': 'create OfficeAccount',
      'Mutation.setOfficeAccountActive': 'update OfficeAccount',
      'Query.officeCases': 'read OfficeCase',
      'Query.officeCase': 'read OfficeCase',
    });
  });
});
