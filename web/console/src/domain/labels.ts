// The words staff read for the API's wire values. Category and item names come from the catalogue.

export const statusLabels: Record<string, string> = {
  submitted: '待签收',
  accepted: '已签收',
  'in-progress': '办理中',
  suspended: '已暂停',
  resolved: '已办结',
  closed: '已关闭',
  cancelled: '已撤销',
  reopened: '整改中',
};

export const channelLabels: Record<string, string> = {
  'walk-in': '窗口来访',
  phone: '电话',
  sms: '短信',
  web: '网上',
  partner: '合作系统',
};

export const priorityLabels: Record<string, string> = { normal: '一般', urgent: '紧急' };

export const tierLabels: Record<string, string> = { county: '县级', township: '乡镇', village: '村级', group: '村民小组' };

export const areaLabels: Record<string, string> = { urban: '城市', rural: '农村' };

export const kindLabels: Record<string, string> = { committee: '党委', 'general-branch': '党总支', branch: '党支部', group: '党小组' };

export const commitmentLabels: Record<string, string> = {
  funds: '帮扶资金',
  project: '帮扶项目',
  visit: '走访慰问',
  'joint-meeting': '联建活动',
  training: '培训',
  'industry-support': '产业帮扶',
};

export const pairingStatusLabels: Record<string, string> = { proposed: '待启动', active: '结对中', completed: '已完成', ended: '已提前结束' };

export const actionLabels: Record<string, string> = {
  accept: '签收',
  assign: '派单',
  suspend: '暂停计时',
  resume: '恢复计时',
  resolve: '办结',
  escalate: '上报',
  rate: '代为评价',
  reopen: '重新办理',
  close: '关闭',
  cancel: '撤销',
  comment: '添加备注',
};

export const timelineLabels: Record<string, string> = {
  submitted: '受理',
  accepted: '签收',
  assigned: '派单',
  suspended: '暂停计时',
  resumed: '恢复计时',
  resolved: '办结',
  escalated: '上报',
  'escalated-automatically': '超期自动上报',
  supervised: '督办',
  rated: '评价',
  reopened: '重新办理',
  closed: '关闭',
  'closed-automatically': '到期自动关闭',
  cancelled: '撤销',
  commented: '备注',
};

export const roleLabels: Record<string, string> = {
  admin: '系统管理员',
  'org-admin': '组织管理员',
  staff: '工作人员',
  viewer: '查看',
  'pii-reader': '个人信息核查',
};

export function label(labels: Record<string, string>, value: string | null | undefined): string {
  return value ? (labels[value] ?? value) : '—';
}
