import { fieldErrors, type Problem } from '../api/problem';

// The API names a bad field and says why in English (for programs); staff read it in Chinese here.
const byField: Record<string, string> = {
  'requester.phone': '请填写 11 位手机号，或带区号的固定电话',
  'requester.name': '请填写来访群众姓名（不超过 100 字）',
  'requester.address': '住址不超过 300 字',
  title: '请填写事项标题（不超过 200 字）',
  description: '请填写描述（不要超过字数上限）',
  category: '请选择事项类别',
  item: '请选择该类别下的服务事项',
  channel: '请选择受理渠道',
  priority: '请选择紧急程度',
  intakeOrgId: '当前账号无权在该站点受理',
  resolution: '请填写办理结果（不超过 4000 字）',
  reason: '请填写原因（不超过 4000 字）',
  text: '请填写备注内容',
  score: '请选择 1 至 5 分',
  name: '请填写名称（不超过 200 字）',
  address: '请填写地址（不超过 300 字）',
  phone: '请填写联系电话（不超过 40 字）',
  openingHours: '请填写开放时间（不超过 200 字）',
  open: '请选择是否开放',
  electedOn: '请选择换届日期',
  committee: '委员姓名每人不超过 100 字，至多 30 人',
  userName: '请填写登录名（字母、数字、点或连字符）',
  displayName: '请填写姓名',
  roles: '请至少选择一个角色',
  homeOrgId: '请选择所属组织（须在本组织范围内）',
  activity: '请填写活动内容',
  occurredOn: '请选择活动日期（不能晚于今天）',
  participants: '请填写参加人数',
  amount: '计入数量须大于 0',
  fundsYuan: '资金金额不能为负数',
};

export const attributeLabels: Record<string, string> = {
  householdNumber: '户号',
  familySize: '家庭人口',
  businessName: '经营主体名称',
  parcel: '地块编号',
  employer: '用工单位',
  school: '就读学校',
  crop: '作物品种',
  location: '具体位置',
};

export function fieldMessage(field: string, apiMessage: string): string {
  if (field.startsWith('attributes.')) {
    return apiMessage.includes('required') ? '此项必填' : '此项填写有误';
  }
  return byField[field] ?? `填写有误（${apiMessage}）`;
}

/** A problem's field errors in Chinese, keyed by the API's field names, ready to show at each field. */
export function fieldMessages(problem: Problem): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldErrors(problem)).map(([field, message]) => [field, fieldMessage(field, message)]));
}
