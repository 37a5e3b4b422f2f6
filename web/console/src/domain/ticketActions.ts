import type { components } from '../api/schema/tickets';

type Paths = keyof import('../api/schema/tickets').paths;

/** What a dialog asks before an action is sent; the action itself is allowed by the ticket's `actions`. */
export type ActionInput = 'none' | 'reason' | 'resolution' | 'text' | 'rating' | 'assignee';

export interface ActionSpec {
  input: ActionInput;
  path: Paths;
  /** What the dialog says it will do. */
  confirm: string;
  tone?: 'primary' | 'danger' | 'default';
}

export const actionSpecs: Record<string, ActionSpec> = {
  accept: { input: 'none', path: '/api/v1/tickets/{id}/accept', confirm: '签收后由本站点办理，开始计算办结期限。', tone: 'primary' },
  assign: { input: 'assignee', path: '/api/v1/tickets/{id}/assign', confirm: '交由本站点的服务队办理。' },
  suspend: { input: 'reason', path: '/api/v1/tickets/{id}/suspend', confirm: '等待群众补充材料期间暂停计时，请说明原因。' },
  resume: { input: 'none', path: '/api/v1/tickets/{id}/resume', confirm: '恢复计时，期限顺延暂停的工作时间。' },
  resolve: { input: 'resolution', path: '/api/v1/tickets/{id}/resolve', confirm: '填写办理结果，办结后请群众评价。', tone: 'primary' },
  escalate: { input: 'reason', path: '/api/v1/tickets/{id}/escalate', confirm: '上报至上级站点办理，请说明超出本级权限或能力的原因。' },
  rate: { input: 'rating', path: '/api/v1/tickets/{id}/rate', confirm: '代群众评价：1–2 分将重新办理整改，3–5 分办结关闭。' },
  reopen: { input: 'reason', path: '/api/v1/tickets/{id}/reopen', confirm: '重新办理，期限重新计算，请说明原因。' },
  close: { input: 'none', path: '/api/v1/tickets/{id}/close', confirm: '关闭已办结的工单。' },
  cancel: { input: 'reason', path: '/api/v1/tickets/{id}/cancel', confirm: '撤销工单（群众撤回、重复登记等），请说明原因。', tone: 'danger' },
  comment: { input: 'text', path: '/api/v1/tickets/{id}/comments', confirm: '备注记入办理过程，不改变状态。' },
};

export const ratingLabels = ['非常不满意', '不满意', '基本满意', '满意', '非常满意'];

export type ActionBody =
  | Record<string, never>
  | components['schemas']['ReasonRequest']
  | components['schemas']['ResolveRequest']
  | components['schemas']['CommentRequest']
  | components['schemas']['RateRequest']
  | components['schemas']['AssignRequest'];

/** The request body of an action from what its dialog holds. */
export function actionBody(input: ActionInput, text: string, score: number | null, teamId: string | null): ActionBody {
  switch (input) {
    case 'reason': return { reason: text.trim() };
    case 'resolution': return { resolution: text.trim() };
    case 'text': return { text: text.trim() };
    case 'rating': return { score, comment: text.trim() || null };
    case 'assignee': return { memberId: null, teamId };
    default: return {};
  }
}
