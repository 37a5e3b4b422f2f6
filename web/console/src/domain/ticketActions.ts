import { tickets } from '../api/client';

/** What a dialog asks before an action is sent; the action itself is allowed by the ticket's `actions`. */
export type ActionInput = 'none' | 'reason' | 'resolution' | 'text' | 'rating' | 'assignee';

export interface ActionSpec {
  input: ActionInput;
  /** What the dialog says it will do. */
  confirm: string;
  tone?: 'primary' | 'danger' | 'default';
}

export const actionSpecs: Record<string, ActionSpec> = {
  accept: { input: 'none', confirm: '签收后由本站点办理，开始计算办结期限。', tone: 'primary' },
  assign: { input: 'assignee', confirm: '交由本站点的服务队办理。' },
  suspend: { input: 'reason', confirm: '等待群众补充材料期间暂停计时，请说明原因。' },
  resume: { input: 'none', confirm: '恢复计时，期限顺延暂停的工作时间。' },
  resolve: { input: 'resolution', confirm: '填写办理结果，办结后请群众评价。', tone: 'primary' },
  escalate: { input: 'reason', confirm: '上报至上级站点办理，请说明超出本级权限或能力的原因。' },
  rate: { input: 'rating', confirm: '代群众评价：1–2 分将重新办理整改，3–5 分办结关闭。' },
  reopen: { input: 'reason', confirm: '重新办理，期限重新计算，请说明原因。' },
  close: { input: 'none', confirm: '关闭已办结的工单。' },
  cancel: { input: 'reason', confirm: '撤销工单（群众撤回、重复登记等），请说明原因。', tone: 'danger' },
  comment: { input: 'text', confirm: '备注记入办理过程，不改变状态。' },
};

export const ratingLabels = ['非常不满意', '不满意', '基本满意', '满意', '非常满意'];

/** What an action's dialog holds when it is sent. */
export interface ActionInputs {
  text: string;
  score: number | null;
  /** `team:<id>` or `member:<id>`: who takes the ticket on. */
  assignee: string | null;
}

/** The action sent with its own typed path and body (each the API's own, so a contract change breaks the build). */
export function sendAction(action: string, id: string, input: ActionInputs) {
  const path = { params: { path: { id } } };
  const reason = { ...path, body: { reason: input.text.trim() } };
  const [kind, who] = (input.assignee ?? ':').split(':');
  switch (action) {
    case 'accept': return tickets.POST('/api/v1/tickets/{id}/accept', path);
    case 'resume': return tickets.POST('/api/v1/tickets/{id}/resume', path);
    case 'close': return tickets.POST('/api/v1/tickets/{id}/close', path);
    case 'suspend': return tickets.POST('/api/v1/tickets/{id}/suspend', reason);
    case 'escalate': return tickets.POST('/api/v1/tickets/{id}/escalate', reason);
    case 'reopen': return tickets.POST('/api/v1/tickets/{id}/reopen', reason);
    case 'cancel': return tickets.POST('/api/v1/tickets/{id}/cancel', reason);
    case 'resolve': return tickets.POST('/api/v1/tickets/{id}/resolve', { ...path, body: { resolution: input.text.trim() } });
    case 'comment': return tickets.POST('/api/v1/tickets/{id}/comments', { ...path, body: { text: input.text.trim() } });
    case 'rate': return tickets.POST('/api/v1/tickets/{id}/rate', { ...path, body: { score: input.score, comment: input.text.trim() || null } });
    case 'assign':
      return tickets.POST('/api/v1/tickets/{id}/assign', {
        ...path, body: { memberId: kind === 'member' ? (who ?? null) : null, teamId: kind === 'team' ? (who ?? null) : null },
      });
    default: throw new Error(`No such action: ${action}`);
  }
}
