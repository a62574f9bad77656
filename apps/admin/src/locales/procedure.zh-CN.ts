/** Texts of a case's procedure steps on the case page and ledger, under `case.procedure`. */
export const procedureZhCN = {
  title: '办理步骤',
  steps: {
    verification: '核实',
    headReview: '部室负责人审核',
    grading: '标注类别',
    followUp: '回访',
  },
  skip: '跳过{step}',
  skipped: '已跳过',
  skippedBy: '{actor}：{reason}',
  register: '企业资格',
  marks: {
    FLAGGED: '企业不在园区企业名录中，待核实确认（第二条）',
    CONFIRMED: '企业不在园区企业名录中，已核实确认在园区注册并生产经营',
    ADDED: '企业不在园区企业名录中，登记时已加入名录',
  },
  tags: { FLAGGED: '待核实企业', CONFIRMED: '核实确认企业', ADDED: '新加入名录' },
  handlings: {
    REJECT: '不予受理',
    FLAG_FOR_VERIFICATION: '登记并标记待核实',
    ACCEPT_AND_ADD: '受理并加入企业名录',
  },
  followUp: '回访',
  sampling: {
    ALL: '全部回访，本件须回访',
    STEP_ABSENT: '园区规则不设回访',
    PERCENT: '按比例 {percent}% 抽查：本件分组 {bucket}，{result}',
    EVERY_NTH: '每 {everyNth} 件抽查 1 件：本件为第 {ordinal} 件，{result}',
    in: '抽中，须回访',
    out: '未抽中，可不经回访销号',
  },
  absent: '不设',
  outsiders: '按园区规则，不在企业名录中的企业：{handling}',
};
