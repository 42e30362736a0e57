import { daysBetween, parseLocalDate } from '../../kernel/time/local-date';
import { describePeriod, type Period } from '../../kernel/time/period';
import { localDateOf } from '../../kernel/time/local-time';
import type { DeadlineDocument, Outcome } from '../../store/documents';
import type { DocumentKind, Names } from './kinds';

function title(doc: DeadlineDocument, names: Names): string {
  return `${names.kind.name} ${doc.number}（${names.kind.referenceLabel}：${doc.reference}）`;
}

function closingWord(kind: DocumentKind): '回复' | '整改完成' {
  return kind.closedBy === 'reply' ? '回复' : '整改完成';
}

export function nextAction(doc: DeadlineDocument, kind: DocumentKind): string {
  return kind.closedBy === 'reply' ? `书面回复后请发送「回复 ${doc.number} <回复摘要>」登记。` : `整改完成后请发送「整改完成 ${doc.number} <整改情况>」登记。`;
}

export function provisionalNote(doc: Pick<DeadlineDocument, 'provisional' | 'dueDate'>): string {
  return doc.provisional ? `\n注意：该期限为暂定——${doc.dueDate.slice(0, 4)}年的节假日安排尚未录入，仅按周末计算；管理员录入后系统将自动重算并通知。` : '';
}

export function periodRule(period: Period | undefined): string {
  return period ? `按${describePeriod(period)}计算` : '期限由签发单位指定';
}

/** What a registration's answer must warn of: nobody of the recipient in the roster, an issuer's deadline on a rest day. */
export interface RegistrationWarnings {
  recipientReachable: boolean;
  dueOnRestDay: boolean;
}

export function registeredReply(doc: DeadlineDocument, names: Names, warnings: RegistrationWarnings): string {
  const rule = periodRule(doc.period);
  const answer = `对方${closingWord(names.kind)}后可发送「${closingWord(names.kind)} ${doc.number} <摘要>」代为登记；发送「文书 ${doc.number}」查看。`;
  return [
    `已登记 ${title(doc, names)}。`,
    `接收单位：${names.recipient}；起算日：${doc.startDate}；${rule}，期限：${doc.dueDate}。${provisionalNote(doc)}`,
    ...(warnings.dueOnRestDay
      ? [
          `注意：指定的期限 ${doc.dueDate} 是休息日（民法典第203条：期限最后一日是法定休假日的，以其结束的次日为最后一日）。如需顺延，请发送「调整期限 ${doc.number} <日期>」。`,
        ]
      : []),
    warnings.recipientReachable
      ? `系统将按时提醒对方。${answer}`
      : `注意：通讯录中还没有${names.recipient}的人员，系统无法通知和提醒对方。请管理员在通讯录 CSV 中加入该单位的联络员（一行：<用户ID>,<姓名>,${doc.recipient},organizer,<渠道>），再运行「npm run cli -- roster import <文件>」；在此之前请电话通知对方。${answer}`,
  ].join('\n');
}

export function registeredNotice(doc: DeadlineDocument, names: Names): string {
  return `【新文书】${names.issuer}已登记向贵单位发出的${title(doc, names)}，期限：${doc.dueDate}。${nextAction(doc, names.kind)}${provisionalNote(doc)}`;
}

/** A reminder with the item's state on `today` (the day it goes out), e.g. from `countdown`. */
export function reminderText(doc: DeadlineDocument, names: Names, state: string, today: string): string {
  return `【${today > doc.dueDate ? '逾期提醒' : '期限提醒'}】${title(doc, names)}，接收单位：${names.recipient}，${state}。${nextAction(doc, names.kind)}`;
}

export function escalationText(doc: DeadlineDocument, names: Names, state: string): string {
  return [
    `【逾期督办】${title(doc, names)}（签发：${names.issuer}，接收：${names.recipient}）${state}，尚未${closingWord(names.kind)}。`,
    '建议下一步：',
    ...names.kind.escalation.map((s, i) => `${i + 1}. ${s}`),
    `发送「文书 ${doc.number}」查看详情。`,
  ].join('\n');
}

export function lateness(dueDate: string, today: string): number {
  return Math.max(0, daysBetween(parseLocalDate(dueDate), parseLocalDate(today)));
}

export function outcomeWord(daysLate: number): string {
  return daysLate > 0 ? `逾期 ${daysLate} 天` : '按期';
}

/** The day an answer happened (older records: the day it was recorded). */
export function outcomeDate(outcome: Outcome): string {
  return outcome.date ?? localDateOf(outcome.at);
}

export function answeredNotice(doc: DeadlineDocument, names: Names, what: '回复' | '整改完成', by: string, daysLate: number, date: string): string {
  return `【${what}】${title(doc, names)} 已由${by}登记${what}（${date}，${outcomeWord(daysLate)}）。发送「文书 ${doc.number}」查看。`;
}

export function recomputedNotice(doc: DeadlineDocument, names: Names, previousDue: string): string {
  const change = previousDue === doc.dueDate ? `期限仍为 ${doc.dueDate}，不再是暂定` : `期限由 ${previousDue} 改为 ${doc.dueDate}`;
  return `【期限重算】节假日安排已录入，${title(doc, names)}${change}。${nextAction(doc, names.kind)}`;
}

export function describeDocument(doc: DeadlineDocument, names: Names, today: string): string {
  const state =
    doc.status === 'closed'
      ? `已办结${doc.correction ? `（${outcomeDate(doc.correction)} 整改完成：${doc.correction.text}）` : doc.reply ? `（${outcomeDate(doc.reply)} 回复：${doc.reply.text}）` : ''}`
      : doc.dueDate < today
        ? `逾期 ${lateness(doc.dueDate, today)} 天${doc.escalatedAt ? '，已督办' : ''}`
        : '办理中';
  return [
    title(doc, names),
    `签发：${names.issuer}　接收：${names.recipient}${doc.urgent ? '　（紧急）' : ''}`,
    `起算日：${doc.startDate}　期限：${doc.dueDate}${doc.provisional ? '（暂定）' : ''}`,
    `状态：${state}`,
    ...(doc.reply && doc.status !== 'closed'
      ? [`已回复：${doc.reply.text}（${outcomeDate(doc.reply)}，${doc.reply.late ? '逾期' : '按期'}），待整改完成`]
      : []),
    doc.status === 'open' ? nextAction(doc, names.kind) : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function holidaysMissingText(year: number): string {
  return `【管理员】${year}年的节假日安排尚未录入，涉及该年的期限暂按周末计算并标为暂定。请在国务院公布安排后将其加入 config/holidays.yaml 并重启，系统会自动重算未办结文书的期限。`;
}
