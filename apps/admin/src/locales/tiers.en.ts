import type {
  caseTierFormZhCN,
  caseTiersZhCN,
  rulesTiersZhCN,
  tierPathsZhCN,
  tierProblemsZhCN,
} from './tiers.zh-CN';

export const caseTiersEn: typeof caseTiersZhCN = {
  departmentTiers: 'Tiers',
  departmentTiersHint:
    'Give each department besides the lead its tier: a split department answers the enterprise for its own part, an assisting one reports to the lead department; each has its own clock.',
  tierOf: 'Tier of {department}',
  needTier: 'Choose a tier',
  pickTier: 'Choose a tier',
  departmentsOf: '{tiers} departments',
  reported: 'Reported',
  outstanding: 'Not reported',
  noReport: 'No report',
  roles: { LEAD: 'Lead', SPLIT: 'Split', ASSISTING: 'Assisting', COOPERATING: 'Cooperating' },
  reportsTo: { SERVICE_CENTER: 'Service center', LEAD_DEPARTMENT: 'Lead department' },
  deadlineOf: '{department} ({tier})',
  splitHint: 'Your department has a split part: answer the enterprise for it and report what you did.',
  assistingHint: 'Your department assists: report your contribution to the lead department.',
};

export const caseTierFormEn: typeof caseTierFormZhCN = {
  report: 'What the department did',
  reportingDepartment: 'Reporting department',
  departmentTiers: 'Tiers',
  tierCode: 'Tier',
  tierRole: 'Kind of tier',
  reportsTo: 'Reported to',
  cc: 'Copied to',
  partsReported: 'Parts reported',
};

export const rulesTiersEn: typeof rulesTiersZhCN = {
  title: 'Assignment tiers (lead, split, assisting, cooperating)',
  hint: 'How departments besides the lead take part in an assignment: a split department answers the enterprise for its own part, an assisting one reports to the lead department within its clock; a cooperating one helps the lead with no clock of its own. The lead’s clock is the department reply deadline.',
  add: 'Add a tier',
  remove: 'Remove',
  removeConfirm:
    'Remove the tier “{name}”? Cases assigned with it keep the rules version they were handled under.',
  untitled: 'Untitled',
  code: 'Code',
  labelZh: 'Chinese name',
  labelEn: 'English name',
  role: 'Kind',
  clock: 'Clock',
  clockAmount: 'Amount',
  clockUnit: 'Unit',
  reportsTo: 'Reports to',
  ccOfficeCodes: 'Report copied to',
  noCcOffices: 'Add cc offices under “Departments and cc” first',
  supervisedWhenLate: 'Supervised when late',
  roles: {
    LEAD: 'Lead',
    SPLIT: 'Split: answers the enterprise for its part',
    ASSISTING: 'Assisting: reports to the lead department',
    COOPERATING: 'Cooperating: helps the lead, no clock',
  },
  reportsToOptions: { SERVICE_CENTER: 'Service center', LEAD_DEPARTMENT: 'Lead department' },
  leadClock: 'The department reply deadline',
  noClock: 'No clock of its own',
};

export const tierPathsEn: typeof tierPathsZhCN = {
  assignmentTiers: 'Assignment tiers',
  role: 'Kind',
  clock: 'Clock',
  reportsTo: 'Reports to',
  supervisedWhenLate: 'Supervised when late',
  PART_REPORTED: 'Part reported',
};

export const tierProblemsEn: typeof tierProblemsZhCN = {
  oneLeadTier: 'must have exactly one lead tier (has {n})',
  tierNeedsClock: 'a split or assisting tier needs its clock',
  leadTierClock: 'the lead’s clock is the department reply deadline',
  cooperatingNoClock: 'a cooperating tier has no clock',
  reportsOnlyWhenReporting: 'only split and assisting tiers report',
  atLeastLeadTier: 'must list at least the lead tier',
};
