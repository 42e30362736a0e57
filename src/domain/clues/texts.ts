import { REFUSED_CLUE_NOTE } from '../../kernel/messages';
import type { ClueRoute, RoutingRules } from '../../config/routing';
import type { ClueStatus } from '../../store/clues';
import { localDateOf, localTimeOf } from '../../kernel/time/local-time';
import type { ClueDetails, ClueDraft, ClueSummary } from './types';
import type { AttachmentRef } from './attachments';
import { routeChoices, type RoutingResult } from './routing';
import type { OutgoingMessage } from '../../kernel/messages';

/** Turns an agency code into its name; supplied by the caller from config. */
export type AgencyName = (code: string) => string;

export const STATUS_NAMES: Record<ClueStatus, string> = { submitted: '待受理', accepted: '已受理', concluded: '已办结', withdrawn: '已撤回' };

function when(at: Date): string {
  return `${localDateOf(at)} ${localTimeOf(at)}`;
}

// ---- pushes: number, route, category, status only — never facts, never the reporter ----

export function routedNotice(clue: Pick<ClueSummary, 'number' | 'category' | 'route'>, agencyName: AgencyName, fromRoute?: ClueRoute): string {
  const via = fromRoute ? `由${agencyName(fromRoute)}转办，` : '';
  return `【新线索】${clue.number}（类别：${clue.category}）${via}已移送${agencyName(clue.route)}。请发送「线索 ${clue.number}」查看详情，核实后发送「受理 ${clue.number}」。`;
}

export type SubmitterNotice = 'accept' | 'conclude' | 'transfer' | 'return' | 'decide';

export function submitterNotice(action: SubmitterNotice, clue: Pick<ClueSummary, 'number' | 'route'>, agencyName: AgencyName): string {
  const agency = agencyName(clue.route);
  return {
    return: `您提交的线索 ${clue.number} 被${agency}退回补充。请发送「线索 ${clue.number}」查看需要补充的内容，再发送「补充 ${clue.number} <补充内容>」答复。`,
    decide: `您提交的线索 ${clue.number} 经协调由${agency}办理。发送「线索 ${clue.number}」可查看进度。`,
    accept: `您提交的线索 ${clue.number} 已由${agency}受理。办结后会再通知您；发送「线索 ${clue.number}」可查看进度。`,
    conclude: `您提交的线索 ${clue.number} 已由${agency}办结。发送「线索 ${clue.number}」查看办理结果。`,
    transfer: `您提交的线索 ${clue.number} 已转办至${agency}，由其受理办理。发送「线索 ${clue.number}」可查看进度。`,
  }[action];
}

/** To the receiving agency: the submitter added material or withdrew the clue (no facts in the push). */
export function submitterActionNotice(
  action: 'supplement' | 'withdraw',
  clue: Pick<ClueSummary, 'number' | 'category'>,
): { title: string; text: string; buttons: string[] } {
  if (action === 'withdraw') {
    return { title: '线索撤回', text: `线索 ${clue.number}（类别：${clue.category}）已由提交人撤回，无需受理。`, buttons: [`线索 ${clue.number}`] };
  }
  return {
    title: '线索补充',
    text: `提交人为线索 ${clue.number}（类别：${clue.category}）补充了材料，请发送「线索 ${clue.number}」查看。`,
    buttons: [`线索 ${clue.number}`],
  };
}

export function acceptanceOverdueNotice(clue: Pick<ClueSummary, 'number' | 'category' | 'acceptanceDue'>, period: string, state: string): string {
  return `【受理提醒】线索 ${clue.number}（类别：${clue.category}）${period}的受理期限${state}，仍未受理。请发送「线索 ${clue.number}」查看，核实后发送「受理 ${clue.number}」。`;
}

/** To the 承办人 named by 受理 or 指派. */
export function assignedNotice(clue: Pick<ClueSummary, 'number' | 'category' | 'handlingDue'>): { title: string; text: string; buttons: string[] } {
  return {
    title: '线索承办',
    text: `您被指定为线索 ${clue.number}（类别：${clue.category}）的承办人，办理期限 ${clue.handlingDue ?? '未设'}。发送「线索 ${clue.number}」查看，办结后发送「办结 ${clue.number} <办理结果>」。`,
    buttons: [`线索 ${clue.number}`],
  };
}

/** To the coordinating agency: a clue transferred past the limit, for it to decide (no facts). */
export function disputeNotice(
  clue: Pick<ClueSummary, 'number' | 'category' | 'route'> & { dispute?: { wanted: ClueRoute; due: string } },
  agencyName: AgencyName,
): { title: string; text: string; buttons: string[] } {
  const wanted = clue.dispute ? agencyName(clue.dispute.wanted) : '';
  return {
    title: '线索管辖争议',
    text: `【管辖协调】线索 ${clue.number}（类别：${clue.category}）转办次数已达上限，${agencyName(clue.route)}认为应由${wanted}办理。请在 ${clue.dispute?.due ?? ''} 前确定办理机关：发送「协调 ${clue.number} <机构>」。`,
    buttons: [`协调 ${clue.number} ${agencyName(clue.route)}`, `协调 ${clue.number} ${wanted}`],
  };
}

/** The due-day reminder and the next day's escalation of a handling or dispute deadline. */
/** A handling or dispute alert; `state` is where the deadline stands when it goes out (「今天（…）到期」, 「现已逾期 2 天」). */
export function caseworkAlert(
  alert: { kind: 'handling' | 'dispute'; stage: 'remind' | 'escalate' },
  clue: Pick<ClueSummary, 'number' | 'category' | 'route'>,
  state: string,
  agencyName: AgencyName,
): string {
  if (alert.kind === 'dispute') {
    const head = alert.stage === 'remind' ? '【协调提醒】' : '【协调逾期】';
    return `${head}线索 ${clue.number}（类别：${clue.category}）管辖争议的决定期限${state}。请发送「协调 ${clue.number} <机构>」确定办理机关。`;
  }
  if (alert.stage === 'remind')
    return `【办理提醒】线索 ${clue.number}（类别：${clue.category}）的办理期限${state}。办结后请发送「办结 ${clue.number} <办理结果>」。`;
  return `【办理逾期】线索 ${clue.number}（类别：${clue.category}）的办理期限${state}，仍未办结，现由${agencyName(clue.route)}承办。请督促承办人，或发送「指派 ${clue.number} <姓名>」调整承办人。`;
}

/** What an agency that held a clue keeps of it after a 转办: where it went, and when — no facts. */
export function pastHoldingLine(number: string, transfer: { to: ClueRoute; at: Date }, agencyName: AgencyName): string {
  return `线索 ${number} 已转办至${agencyName(transfer.to)}（${when(transfer.at)}）。内容仅现办理机关可见。`;
}

export function assignRefusal(roles: string): string {
  return `「指派」仅限本单位${roles}使用。如需调整承办人，请联系本单位联络员。`;
}

export function alreadyReturnedRefusal(number: string): string {
  return `线索 ${number} 已退回补充，正在等待提交人答复。`;
}

export function disputePendingRefusal(number: string, coordinator: string, due: string): string {
  return `线索 ${number} 的管辖争议正由${coordinator}协调（期限 ${due}），请等待协调结果，暂不能转办。`;
}

export function noDisputeRefusal(number: string): string {
  return `没有待您协调的线索 ${number}。发送「待办」查看待协调的线索。`;
}

// ---- what the submitting officer sees in the wizard ----

export const WIZARD_PROMPTS = {
  facts: '第1步（共5步）：请简要描述发生了什么（事实经过）。',
  subject: '第2步（共5步）：涉及哪个单位或哪位人员？不清楚请回复「无」。',
  timePlace: '第3步（共5步）：发生的时间和地点？不清楚请回复「无」。',
  evidence: '第4步（共5步）：有哪些证据？可用文字说明，也可直接发送图片或文件；没有请回复「无」。',
  anonymous: '第5步（共5步）：是否对接收机关隐去您的身份（匿名）？请回复「是」或「否」。',
} as const;

/** The route menu, numbered in the order given (the most likely agencies first), the agencies as buttons. */
export function routeMenu(rules: RoutingRules, intro: string, order: readonly ClueRoute[]): OutgoingMessage {
  const choices = routeChoices(rules, order);
  return {
    text: [intro, ...choices.map((c, i) => `${i + 1}. ${c.label}：${c.explain}`), '请回复序号 1、2 或 3，或点选机关。'].join('\n'),
    buttons: choices.map((c) => c.label),
  };
}

/** Asked when a rank of the higher-level list appears but the clue may be about someone of the county. */
export function subjectLevelQuestion(rank: string): string {
  return [
    `线索中提到「${rank}」。该线索反映的是${rank}本人的问题吗？`,
    '1. 是（属上级纪检监察机关管辖，本平台不予录入）',
    '2. 否（反映的是县管单位或人员，继续提交）',
    '请回复 1 或 2。',
  ].join('\n');
}

export function higherLevelRefusal(advice: string): string {
  return `${advice}\n${REFUSED_CLUE_NOTE}`;
}

const percent = (p: number) => `${Math.round(p * 100)}%`;
const quoted = (words: string[]) => words.map((w) => `「${w}」`).join('');

/** Why the clue goes where it goes: the rule or the words that decided it, and the category. */
export function routingReasons(result: RoutingResult, route: ClueRoute, category: string, agencyName: AgencyName): string {
  const [first, second] = result.ranking;
  let why: string;
  if (result.by === 'rule') {
    why = `线索反映公职人员职务违法、职务犯罪或违纪问题（${quoted(result.reasons)}），依规定移送${agencyName('jw')}。`;
  } else if (result.kind === 'route') {
    why = `与已标注的线索比对，最可能属于${agencyName(result.route)}（把握${percent(first!.probability)}）；起决定作用的词语：${quoted(result.reasons) || '无突出词语'}。`;
  } else {
    why = `系统无法确定：最可能是${agencyName(first!.route)}（${percent(first!.probability)}）或${agencyName(second!.route)}（${percent(second!.probability)}）。`;
  }
  const chosen = result.kind === 'ask' || route !== result.route ? `接收机关${agencyName(route)}由提交人选择或经转办确定。` : '';
  return [`判断依据：${why}`, chosen, `类别：${category}。`].filter(Boolean).join('\n');
}

export function categoryMenu(agency: string, categories: string[]): OutgoingMessage {
  return { text: [`请选择该线索在${agency}的类别：`, ...categories.map((c, i) => `${i + 1}. ${c}`), '请回复序号或点选类别。'].join('\n'), buttons: categories };
}

export function attachmentReceived(name: string, count: number): string {
  return `已收到附件「${name}」（共${count}个），已加密保存。可继续发送图片、文件或语音，或用文字说明证据；没有更多请回复「无」。`;
}

export function supplementPrompt(number: string): string {
  return `请发送要补充到线索 ${number} 的图片、文件或语音（可发多个），也可以发一段文字说明；发完请回复「完成」。发送「取消」可退出。`;
}

export function supplementAttachmentReceived(name: string, count: number): string {
  return `已收到附件「${name}」（共${count}个），已加密保存。可继续发送，或发一段文字说明；发完请回复「完成」。`;
}

export function supplementSummary(draft: { number: string; text?: string; attachments: AttachmentRef[] }): string {
  return [
    `补充线索 ${draft.number}：`,
    `内容：${draft.text ?? '无文字说明'}`,
    `附件：${draft.attachments.length ? `${draft.attachments.length}个（${draft.attachments.map((a) => a.name).join('、')}）` : '无'}`,
    '回复「确认」提交，「修改」更改，「取消」放弃。',
  ].join('\n');
}

export const ANONYMITY_QUESTION: OutgoingMessage = { text: '是否对接收机关隐去您的身份（匿名）？请回复「是」或「否」。', buttons: ['是', '否'] };

export function draftSummary(draft: ClueDraft & { route: ClueRoute; category: string }, agencyName: AgencyName): string {
  return [
    '请核对线索：',
    `事实经过：${draft.facts}`,
    `涉及单位或人员：${draft.subject ?? '未填写'}`,
    `时间地点：${draft.timePlace ?? '未填写'}`,
    `证据：${draft.evidence ?? '未填写'}${draft.attachments.length ? `；附件${draft.attachments.length}个（${draft.attachments.map((a) => a.name).join('、')}）` : ''}`,
    `对接收机关匿名：${draft.anonymous ? '是' : '否'}`,
    `拟移送：${agencyName(draft.route)}（类别：${draft.category}）`,
    '回复「确认」提交，「修改」更改某一项，「取消」放弃；发送「为什么」查看移送依据。',
  ].join('\n');
}

export function submittedReply(clue: ClueSummary, agencyName: AgencyName): string {
  return `线索已提交，编号 ${clue.number}，已移送${agencyName(clue.route)}（类别：${clue.category}）。接收单位受理、办结时会通知您；发送「线索 ${clue.number}」或「我的线索」查看进度。`;
}

// ---- viewing ----

/** A name in a status line, when the viewer may see it (the submitter sees the stage only, unless configured). */
const by = (actor: { name: string } | undefined) => (actor ? `，${actor.name}` : '');

function statusLine(clue: ClueSummary): string {
  if (clue.status === 'withdrawn' && clue.withdrawnAt) return `已撤回（${when(clue.withdrawnAt)}）`;
  if (clue.status === 'concluded' && clue.concludedAt) return `已办结（${when(clue.concludedAt)}${by(clue.concludedBy)}）`;
  const waiting = clue.returnedAt ? `；${when(clue.returnedAt)}退回补充，等待提交人答复` : '';
  const disputed = clue.disputedTo ? '；转办次数已达上限，管辖争议协调中' : '';
  if (clue.status === 'accepted' && clue.acceptedAt) {
    const assignee = clue.assignee ? `，承办人 ${clue.assignee.name}` : '';
    const due = clue.handlingDue ? `，办理期限 ${clue.handlingDue}` : '';
    return `已受理（${when(clue.acceptedAt)}${by(clue.acceptedBy)}${assignee}${due}${waiting}${disputed}）`;
  }
  return `待受理（受理期限 ${clue.acceptanceDue}${waiting}${disputed}）`;
}

function summaryLines(clue: ClueSummary, agencyName: AgencyName): string[] {
  return [
    `线索 ${clue.number}`,
    `接收机关：${agencyName(clue.route)}`,
    `类别：${clue.category}`,
    `状态：${statusLine(clue)}`,
    `提交时间：${when(clue.submittedAt)}`,
  ];
}

export function statusView(clue: ClueSummary, agencyName: AgencyName): string {
  return [...summaryLines(clue, agencyName), '（您可查看该线索的状态；具体内容仅接收机关可见。）'].join('\n');
}

/**
 * A clue's details: the record, who reported it (or 匿名), its attachments and the next step. `released`: as approved
 * 调阅 material shown to another agency (src/domain/file-access) — the record and its handling only, never who
 * reported it, nor the attachments and steps meant for its own handlers.
 */
export function detailsView(clue: ClueDetails, agencyName: AgencyName, released = false): string {
  const lines = [
    ...summaryLines(clue, agencyName),
    `事实经过：${clue.facts}`,
    `涉及单位或人员：${clue.subject ?? '未填写'}`,
    `时间地点：${clue.timePlace ?? '未填写'}`,
    `证据：${clue.evidence ?? '未填写'}`,
  ];
  if (!released) lines.push(`提交人：${clue.reporter ? `${clue.reporter.name}（${clue.reporter.agency}）` : '匿名'}`);
  for (const s of clue.supplements) {
    const added = s.attachments.length ? `${s.text ? '；' : ''}附件${s.attachments.length}个` : '';
    lines.push(`补充材料（${when(s.at)}）：${s.text ?? ''}${added}`);
  }
  if (!released) lines.push(...attachmentLines(clue));
  if (clue.withdrawReason) lines.push(`撤回理由：${clue.withdrawReason}`);
  if (clue.returnQuestion && !released) lines.push(`需要补充：${clue.returnQuestion}（提交人请发送「补充 ${clue.number} <补充内容>」答复）`);
  if (clue.result) lines.push(`办理结果：${clue.result}`);
  for (const [i, t] of clue.transfers.entries()) {
    lines.push(`转办：${when(t.at)} ${agencyName(t.from)} → ${agencyName(t.to)}，理由：${clue.transferReasons[i] ?? ''}`);
  }
  if (!released) lines.push(nextStepFor(clue));
  return lines.join('\n');
}

/** Every attachment of a clue in the order 附件 numbers them: the clue's own, then each 补充's. */
export function attachmentsOf(clue: ClueDetails): AttachmentRef[] {
  return [...clue.attachments, ...clue.supplements.flatMap((s) => s.attachments)];
}

const KIND_LABELS: Record<AttachmentRef['kind'], string> = { image: '图片', file: '文件', voice: '语音' };

function sizeLabel(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))}KB` : `${Math.round((bytes / 1024 / 1024) * 10) / 10}MB`;
}

export function attachmentLines(clue: ClueDetails): string[] {
  const all = attachmentsOf(clue);
  if (!all.length) return [];
  return [
    `附件（${all.length}个）：`,
    ...all.map((a, i) => `${i + 1}. ${a.name}（${KIND_LABELS[a.kind]}，${sizeLabel(a.size)}）`),
    `发送「附件 ${clue.number} <序号>」查看附件。`,
  ];
}

/** The answer to 附件 XS-… n: the attachment follows as an image or file (or a link that opens for the asker only). */
export function attachmentReply(number: string, index: number, ref: AttachmentRef, linkMinutes: number): string {
  return `线索 ${number} 附件${index}：${ref.name}（${KIND_LABELS[ref.kind]}，${sizeLabel(ref.size)}）。链接${linkMinutes}分钟内有效，仅限您本人打开。`;
}

export function noSuchAttachment(number: string, count: number): string {
  return count ? `线索 ${number} 只有${count}个附件，请回复 1 到 ${count} 之间的序号。` : `线索 ${number} 没有附件。`;
}

function nextStepFor(clue: ClueSummary): string {
  if (clue.status === 'submitted')
    return `接收机关核实后请发送「受理 ${clue.number}」；不属本单位的发送「转办 ${clue.number} <机构> <理由>」；需提交人补充的发送「退回补充 ${clue.number} <需要补充的内容>」。`;
  if (clue.status === 'accepted') return `办理完毕后请发送「办结 ${clue.number} <办理结果>」。`;
  if (clue.status === 'withdrawn') return '该线索已由提交人撤回。';
  return '该线索已办结。';
}

export function listLine(c: ClueSummary, agencyName: AgencyName): string {
  return `${c.number}　${agencyName(c.route)}　${c.category}　${stage(c)}　${localDateOf(c.submittedAt)}`;
}

/** The stage a list shows: the status, or what it waits for. */
function stage(clue: ClueSummary): string {
  if (clue.returnedAt) return '待补充';
  if (clue.disputedTo) return '协调中';
  return STATUS_NAMES[clue.status];
}

/** 待办 inside the receiving agency: the stage, the 承办人 and the due day; 「您承办」 marks the viewer's own. */
export function pendingLine(c: ClueSummary, viewer: { channel: string; userId: string }): string {
  const mine = c.assignee?.userId === viewer.userId && c.assignee.channel === viewer.channel;
  const assignee = c.assignee ? `　承办人 ${c.assignee.name}${mine ? '（您承办）' : ''}` : '';
  const due = c.status === 'accepted' ? `办理期限 ${c.handlingDue ?? '未设'}` : `受理期限 ${c.acceptanceDue}`;
  return `${c.number}　${c.category}　${stage(c)}${assignee}　${due}`;
}

/** 待办 of the coordinating agency: the disputes to decide. */
export function disputeLines(clues: ClueSummary[], agencyName: AgencyName): string[] {
  return clues.map((c) => `${c.number}　${c.category}　${agencyName(c.route)} → ${c.disputedTo ? agencyName(c.disputedTo) : ''}　待协调`);
}

/** Why 受理 / 办结 / 转办 cannot apply to the clue as it stands. */
export function wrongStatusRefusal(number: string, status: ClueStatus): string {
  return {
    submitted: `线索 ${number} 尚未受理，请先发送「受理 ${number}」。`,
    accepted: `线索 ${number} 已受理，无需重复受理；办理完毕请发送「办结 ${number} <办理结果>」。`,
    concluded: `线索 ${number} 已办结，不能再更改。`,
    withdrawn: `线索 ${number} 已由提交人撤回，不能再更改。`,
  }[status];
}

/** Another change of the clue is under way, or one was cut off and its lease not yet over. */
export function busyRefusal(number: string): string {
  return `线索 ${number} 正在办理另一项操作，请约半分钟后重新发送。`;
}

/** Why the submitter's 补充 or 撤回 cannot apply to the clue as it stands. */
export function submitterRefusal(action: 'supplement' | 'withdraw', number: string, status: ClueStatus): string {
  if (status === 'withdrawn') return `线索 ${number} 已撤回，不能再补充或撤回。`;
  if (status === 'concluded') return `线索 ${number} 已办结，不能再补充或撤回。如有新情况，请重新「提交线索」。`;
  if (action === 'withdraw') return `线索 ${number} 已受理，不能撤回。如有新情况，请发送「补充 ${number} <内容>」。`;
  return `线索 ${number} 当前不能补充。`;
}

export function sameRouteRefusal(number: string, agencyName: string): string {
  return `线索 ${number} 已在${agencyName}，无需转办。`;
}
