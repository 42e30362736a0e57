import type { CourtSupervisionCase } from '../../store/court-supervision';
import type { ReminderMoment } from '../deadlines/reminder-runner';

type NameOf = (code: string) => string;

export const REGISTER_USAGE = '登记非诉执行监督 <法院裁定类型> <申请执行机关> <裁定日期 YYYY-MM-DD> <案号>';
export const CONCLUDE_USAGE = '审结非诉监督 <编号> <审查结论>；<监督结果>';

export function title(record: CourtSupervisionCase, nameOf: NameOf): string {
  return `非诉执行监督 ${record.number}（${nameOf(record.applicant)}申请执行，法院${record.ruling}，${record.courtCaseNumber}）`;
}

export function describe(record: CourtSupervisionCase, nameOf: NameOf): string {
  const lines = [title(record, nameOf), `裁定日期：${record.rulingDate}；审查期限：${record.dueDate}；状态：${record.status === 'open' ? '审查中' : '已审结'}`];
  const c = record.conclusion;
  if (c) {
    lines.push(`审查结论：${c.finding}`, `监督结果：${c.result}`);
    if (c.notified.length) lines.push(`已通报：${c.notified.map((n) => `${nameOf(n.agency)}（${n.people}人）`).join('、')}`);
  }
  return lines.join('\n');
}

export function reminderText(record: CourtSupervisionCase, nameOf: NameOf, moment: ReminderMoment): string {
  return `【${moment.title}】${title(record, nameOf)}的审查${moment.state}。审结后请发送「${CONCLUDE_USAGE.replace('<编号>', record.number)}」。`;
}

export function escalationText(record: CourtSupervisionCase, nameOf: NameOf, moment: ReminderMoment): string {
  return `【逾期督办】${title(record, nameOf)}的审查${moment.state}，尚未审结。请督促承办人审结并通报申请执行机关和司法局。`;
}

export function conclusionNotice(record: CourtSupervisionCase, nameOf: NameOf): string {
  const c = record.conclusion!;
  return [
    `【非诉执行监督结果】${nameOf(record.agency)}已审结${title(record, nameOf)}。`,
    `审查结论：${c.finding}`,
    `监督结果：${c.result}`,
    '如有疑问请联系检察院承办人。',
  ].join('\n');
}
