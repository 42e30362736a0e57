import type { AccountabilityCase } from '../../store/accountability';
import type { ReminderMoment } from '../deadlines/reminder-runner';

type NameOf = (code: string) => string;

const STATUS: Record<AccountabilityCase['status'], string> = { investigating: '调查中', decided: '已决定（异议期）', closed: '已结案' };

/** The officer as a viewer may see it: the name, or that it is withheld. */
export function officerText(record: AccountabilityCase, showName: boolean): string {
  if (!record.officer) return '未确定责任人';
  return showName ? record.officer : '责任人（已隐去）';
}

export function originText(record: Pick<AccountabilityCase, 'origin'>): string {
  const { kind, number } = record.origin;
  const word = { direct: '司法局直接立案', notice: '监督通知书未整改', inspection: '巡查发现问题', clue: '已办结线索' }[kind];
  return number ? `${word} ${number}` : word;
}

export function caseLine(record: AccountabilityCase, nameOf: NameOf, showName: boolean): string {
  const due =
    record.status === 'investigating' ? `，调查期限 ${record.investigationDue}` : record.status === 'decided' ? `，异议期至 ${record.objectionDue}` : '';
  return `${record.number} ${nameOf(record.unit)} ${officerText(record, showName)}：${STATUS[record.status]}${due}`;
}

export function caseDetails(record: AccountabilityCase, nameOf: NameOf, showName: boolean): string {
  const lines = [
    `【过错责任追究】${record.number}`,
    `单位：${nameOf(record.unit)}；责任人：${officerText(record, showName)}`,
    `来源：${originText(record)}；立案：${record.filedOn}`,
    `事实：${record.facts}`,
    `调查期限：${record.investigationDue}${record.extensions.length ? `（已延长${record.extensions.length}次）` : ''}`,
  ];
  if (record.decision) {
    const { measures, decidedOn, note } = record.decision;
    lines.push(`决定：${measures.join('、')}（${decidedOn}）${note ? `；${note}` : ''}`, `异议期至：${record.objectionDue}`);
  }
  if (record.objection) lines.push(`异议：${record.objection.text}`);
  if (record.closedOn) lines.push(`结案：${record.closedOn}${record.closingNote ? `；${record.closingNote}` : ''}`);
  if (record.clueNumber) lines.push(`已移送纪委监委：线索 ${record.clueNumber}`);
  lines.push(`状态：${STATUS[record.status]}`);
  return lines.join('\n');
}

/** A reminder of the case's current deadline: the investigation's, or the objection window's. */
export function reminderText(record: AccountabilityCase, moment: ReminderMoment, nameOf: NameOf): string {
  if (record.status === 'investigating') {
    return `【追责提醒】${record.number}（${nameOf(record.unit)}）调查期限${moment.state}。请发送「追责决定 ${record.number} <措施>」作出决定，或「延长调查 ${record.number} <理由>」。`;
  }
  return `【追责提醒】${record.number}（${nameOf(record.unit)}）责任人异议期${moment.state}。异议期届满后请发送「追责结案 ${record.number}」；收到异议请发送「追责异议 ${record.number} <异议内容>」。`;
}
