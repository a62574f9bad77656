/**
 * Texts of assignment tiers (主办 / 分办 / 协办 / 配合): on the case screens under `case.tiers`, the
 * timeline's fields under `case.form`, and the rules editor under `rules.tiers`, `rules.paths` and
 * `rules.problem`.
 */
export const caseTiersZhCN = {
  departmentTiers: '承办方式',
  departmentTiersHint:
    '为牵头部室以外的每个部室选择承办方式：分办部室就其承办部分直接答复企业，协办部室向牵头部室报送协办意见，各有办理时限。',
  tierOf: '{department}的承办方式',
  needTier: '请选择承办方式',
  pickTier: '选择承办方式',
  departmentsOf: '{tiers}部室',
  reported: '已报送',
  outstanding: '未报送',
  noReport: '无需报送',
  roles: { LEAD: '主办', SPLIT: '分办', ASSISTING: '协办', COOPERATING: '配合' },
  reportsTo: { SERVICE_CENTER: '企业服务中心', LEAD_DEPARTMENT: '牵头部室' },
  deadlineOf: '{department}（{tier}）',
  splitHint: '本部室为分办部室：就承办部分直接答复企业，并报送承办情况。',
  assistingHint: '本部室为协办部室：向牵头部室报送协办意见。',
};

/** Fields of the tier acts and events (timeline, forms), under `case.form`. */
export const caseTierFormZhCN = {
  report: '承办情况',
  reportingDepartment: '报送部室',
  departmentTiers: '承办方式',
  tierCode: '承办方式',
  tierRole: '承办类型',
  reportsTo: '报送对象',
  cc: '抄送单位',
  partsReported: '已报送部室',
};

export const rulesTiersZhCN = {
  title: '承办方式（主办、分办、协办、配合）',
  hint: '交办时牵头部室以外的部室按哪种方式承办：分办部室就其承办部分直接答复企业，协办部室在时限内向牵头部室报送意见，均有各自的办理时限；配合部室协助牵头部室，不单独计时。主办的时限为“部室答复”时限。',
  add: '添加承办方式',
  remove: '删除',
  removeConfirm: '确定删除承办方式“{name}”？已按此方式交办的事项仍按原版本规则办理。',
  untitled: '未命名',
  code: '编码',
  labelZh: '中文名称',
  labelEn: '英文名称',
  role: '类型',
  clock: '办理时限',
  clockAmount: '时限数',
  clockUnit: '时限单位',
  reportsTo: '报送对象',
  ccOfficeCodes: '报送时抄送',
  noCcOffices: '请先在“部门与抄告”中添加抄告单位',
  supervisedWhenLate: '超期纳入督办',
  roles: {
    LEAD: '主办（牵头）',
    SPLIT: '分办：就承办部分答复企业',
    ASSISTING: '协办：向牵头部室报送',
    COOPERATING: '配合：协助牵头部室，不计时',
  },
  reportsToOptions: { SERVICE_CENTER: '企业服务中心', LEAD_DEPARTMENT: '牵头部室' },
  leadClock: '时限为“部室答复”时限',
  noClock: '不单独计时',
};

export const tierPathsZhCN = {
  assignmentTiers: '承办方式',
  role: '类型',
  clock: '办理时限',
  reportsTo: '报送对象',
  supervisedWhenLate: '超期纳入督办',
  PART_REPORTED: '分办协办报送',
};

export const tierProblemsZhCN = {
  oneLeadTier: '须有且仅有一个“主办”类型（当前 {n} 个）',
  tierNeedsClock: '分办、协办须设办理时限',
  leadTierClock: '主办的时限为“部室答复”时限，此处不设',
  cooperatingNoClock: '配合不单独计时',
  reportsOnlyWhenReporting: '只有分办、协办需要报送',
  atLeastLeadTier: '至少需要主办',
};
