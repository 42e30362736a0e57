import type { JointInspection, RectificationItem } from '../../store/inspections';
import type { DocumentKind } from '../documents/kinds';

export type NameOf = (code: string) => string;

function closeHint(item: RectificationItem): string {
  return `整改完成后请发送「整改销号 ${item.number} <整改情况>」。`;
}

export function describeInspection(inspection: JointInspection, nameOf: NameOf, problems: number): string {
  return `${inspection.number}（${inspection.date}）督查单位：${inspection.units.map(nameOf).join('、')}；抽查案卷 ${inspection.filesSampled} 卷；发现问题 ${problems} 个`;
}

export function describeItem(item: RectificationItem, nameOf: NameOf): string {
  const state = item.status === 'done' ? `已销号（${item.doneDate}${item.doneLate ? '，逾期完成' : ''}）` : `整改中，期限 ${item.dueDate}`;
  return `${item.number} ${nameOf(item.owner)}：${item.text}（${state}）`;
}

export function itemRegisteredNotice(item: RectificationItem, nameOf: NameOf): string {
  return `【整改通知】联合巡查 ${item.inspectionNumber} 发现${nameOf(item.owner)}存在问题：${item.text}。整改编号 ${item.number}，期限 ${item.dueDate}。${closeHint(item)}`;
}

/** A reminder with the item's state on `today` (the day it goes out), e.g. from `countdown`. */
export function reminderText(item: RectificationItem, kind: DocumentKind, nameOf: NameOf, state: string, today: string): string {
  const what = `${nameOf(item.owner)}${kind.name} ${item.number}（${item.text}，联合巡查 ${item.inspectionNumber}）`;
  if (today > item.dueDate) return `【整改逾期】${what}${state}。请尽快整改，${closeHint(item)}`;
  return `【整改提醒】${what}${state}。${closeHint(item)}`;
}

export function escalationText(item: RectificationItem, kind: DocumentKind, nameOf: NameOf, state: string): string {
  return `【逾期督办】${nameOf(item.owner)}的${kind.name} ${item.number}（联合巡查 ${item.inspectionNumber}）${state}，仍未销号。建议${kind.escalation.join('；')}；发送「逾期」查看全部逾期事项。`;
}

export function closedNotice(item: RectificationItem, kind: DocumentKind, nameOf: NameOf, by: string): string {
  const late = item.doneLate ? '（逾期完成）' : '';
  return `【整改销号】${nameOf(item.owner)}的${kind.name} ${item.number} 已由${by}销号${late}：${item.doneNote}。发送「巡查 ${item.inspectionNumber}」查看该次巡查。`;
}
