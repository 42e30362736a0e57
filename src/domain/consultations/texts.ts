import type { ConsultationCounts, ConsultationRequest } from '../../store/consultations';
import type { ReminderMoment } from '../deadlines/reminder-runner';

type NameOf = (code: string) => string;

export const REQUEST_USAGE = '协作请求 <对方机构> <类别> <事项> [期限 YYYY-MM-DD]';
export const ANSWER_USAGE = '答复协作 <编号> <答复内容>';
export const AGENDA_USAGE = '协作上会 <编号> <YYYY-MM-DD HH:mm> <地点>';

export function title(request: ConsultationRequest, nameOf: NameOf): string {
  return `协作请求 ${request.number}（${request.category}，${nameOf(request.from)} → ${nameOf(request.to)}）`;
}

export function describe(request: ConsultationRequest, nameOf: NameOf): string {
  const lines = [title(request, nameOf), `事项：${request.subject}`, `答复期限：${request.dueDate}；状态：${request.status === 'open' ? '待答复' : '已答复'}`];
  if (request.answer) lines.push(`答复（${request.answer.by.name}，${request.answer.late ? '逾期' : '按期'}）：${request.answer.text}`);
  if (request.meetingNumber) lines.push(`已列入专题会议 ${request.meetingNumber} 议题`);
  return lines.join('\n');
}

export function listLine(request: ConsultationRequest, nameOf: NameOf): string {
  return `${request.number} ${request.category} ${nameOf(request.from)}→${nameOf(request.to)} 期限 ${request.dueDate} ${request.status === 'open' ? '待答复' : '已答复'}`;
}

export function countsLine(what: string, counts: ConsultationCounts): string {
  return `${what}：待答复 ${counts.open} 件，已答复 ${counts.answered} 件`;
}

export function newRequestNotice(request: ConsultationRequest, nameOf: NameOf): string {
  return `【协作请求】${title(request, nameOf)}\n事项：${request.subject}\n请于 ${request.dueDate} 前答复：发送「${ANSWER_USAGE.replace('<编号>', request.number)}」。`;
}

export function answeredNotice(request: ConsultationRequest, nameOf: NameOf): string {
  return `【协作答复】${title(request, nameOf)}已答复：${request.answer!.text}`;
}

export function reminderText(request: ConsultationRequest, nameOf: NameOf, moment: ReminderMoment): string {
  return `【${moment.title}】${title(request, nameOf)}${moment.state}。答复请发送「${ANSWER_USAGE.replace('<编号>', request.number)}」。`;
}

export function escalationText(request: ConsultationRequest, nameOf: NameOf, moment: ReminderMoment): string {
  return `【逾期督办】${title(request, nameOf)}${moment.state}，尚未答复。请督促答复，或发送「${AGENDA_USAGE.replace('<编号>', request.number)}」提交专题会议研究。`;
}
