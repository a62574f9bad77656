/**
 * The words of the CASL rules (the API's `access/acl/*.acl.ts`), shared with the console, which reads
 * the same rules packed in `myAbilities` to show only what the server would allow.
 */
export type PermissionAction = 'manage' | 'read' | 'create' | 'update' | 'delete';

/** Checked by type name, or as `subject('Case', row)` for a particular row; `all` in `manage all`. */
export type PermissionSubject =
  | 'District'
  | 'Park'
  | 'User'
  | 'Department'
  | 'AuditEvent'
  | 'ParkRules'
  | 'Case'
  | 'CaseAttachment'
  | 'Dashboard'
  | 'Job'
  | 'NationalCalendar'
  | 'OfficeAccount'
  | 'OfficeCase'
  | 'Enterprise'
  | 'all';
