import type { FileAccessOpen, FileAccessRequest } from '../../store/file-access';
import type { ReminderMoment } from '../deadlines/reminder-runner';
import { localDateOf, localTimeOf } from '../../kernel/time/local-time';

type NameOf = (code: string) => string;

export const REQUEST_USAGE = '申请调阅 <对方机构> <案件或文书编号/名称> <事由>';
export const APPROVE_USAGE = '批准调阅 <编号> [查看|复制] [N天] [材料 编号1,编号2]';
export const REFUSE_USAGE = '拒绝调阅 <编号> <理由>';
export const ATTACH_USAGE = '附加调阅材料 <编号> [本单位线索或文书编号…]';

/** What an opening of the link itself (not of one file) is logged as. */
export const LISTING = '材料清单';
export const NOT_WATERMARKABLE = '此格式无法加水印，仅查看范围不提供（可请对方改传图片、文本，或批准复制）';
export const UNMARKED_DOWNLOAD = '此格式无法加水印，下载的是原文件';
export const UNREADABLE_PDF = '此PDF无法解析（可能已加密或损坏），无法加水印，不提供查看或下载（可请对方改传未加密的PDF或图片）';

export function notWatermarkableNote(name: string): string {
  return `注意：「${name}」的格式无法加水印，本申请为仅查看，对方看不到此文件。如需提供，请改传PDF、图片（jpg/png）或文本。`;
}

export function unreadablePdfNote(name: string): string {
  return `注意：「${name}」无法解析（可能已加密或损坏），无法加水印，对方看不到也不能下载此文件。如需提供，请改传未加密的PDF或图片（jpg/png）。`;
}

/** Text with the watermark line above and below (the text download of copy scope). */
export function watermarkLines(mark: string, text: string): string {
  const line = `【${mark}】`;
  return [line, text, line].join('\n');
}

const materialsText = (request: FileAccessRequest) =>
  [request.grant!.materials.join('、'), (request.grant!.files ?? []).length ? `附件 ${request.grant!.files!.length} 个` : ''].filter(Boolean).join('；') ||
  '（待对方附加文件）';

export const STATUS_NAMES: Record<FileAccessRequest['status'], string> = { pending: '待审批', approved: '已批准', refused: '已拒绝', expired: '已过期' };

export function localInstant(at: Date): string {
  return `${localDateOf(at)} ${localTimeOf(at)}`;
}

export function title(request: FileAccessRequest, nameOf: NameOf): string {
  return `调阅申请 ${request.number}（${nameOf(request.requester.agency)} ${request.requester.name} → ${nameOf(request.owner)}：${request.subject}）`;
}

export function describe(request: FileAccessRequest, nameOf: NameOf): string {
  const lines = [
    title(request, nameOf),
    `事由：${request.reason}${request.relatedCase ? `（关联本单位案件 ${request.relatedCase}）` : ''}`,
    `状态：${STATUS_NAMES[request.status]}`,
  ];
  if (request.status === 'pending') lines.push(`审批期限：${request.dueDate}`);
  const { grant, refusal } = request;
  if (grant) lines.push(`范围：${grant.scope === 'copy' ? '可复制下载' : '仅查看'}；材料：${materialsText(request)}；有效至 ${localInstant(grant.until)}`);
  if (refusal) lines.push(`拒绝理由：${refusal.reason}`);
  return lines.join('\n');
}

export function countsLine(counts: Record<FileAccessRequest['status'], number>): string {
  return `全县调阅申请：${(Object.keys(STATUS_NAMES) as FileAccessRequest['status'][]).map((status) => `${STATUS_NAMES[status]} ${counts[status]} 件`).join('，')}`;
}

export function listLine(request: FileAccessRequest, nameOf: NameOf): string {
  return `${request.number} ${nameOf(request.requester.agency)}→${nameOf(request.owner)} ${request.subject} ${STATUS_NAMES[request.status]}`;
}

export function newRequestNotice(request: FileAccessRequest, nameOf: NameOf): string {
  return `【调阅申请】${describe(request, nameOf)}\n批准请发送「${APPROVE_USAGE.replace('<编号>', request.number)}」（默认仅查看），拒绝请发送「${REFUSE_USAGE.replace('<编号>', request.number)}」。`;
}

export function approvedNotice(request: FileAccessRequest, nameOf: NameOf, link: string): string {
  const grant = request.grant!;
  return [
    `【调阅已批准】${title(request, nameOf)}`,
    `范围：${grant.scope === 'copy' ? '可查看并下载（带水印）' : '仅查看，不能下载'}；材料：${materialsText(request)}`,
    `链接（仅限本人打开，有效至 ${localInstant(grant.until)}，每次打开都会记录）：${link}`,
  ].join('\n');
}

export function filesAddedNotice(request: FileAccessRequest, nameOf: NameOf, added: number): string {
  return `【调阅材料已补充】${title(request, nameOf)}\n${nameOf(request.owner)}新附加了 ${added} 个文件（共 ${(request.grant!.files ?? []).length} 个），请用原链接查看，有效至 ${localInstant(request.grant!.until)}。`;
}

export function recordsAddedNotice(request: FileAccessRequest, nameOf: NameOf, added: string[]): string {
  return `【调阅材料已补充】${title(request, nameOf)}\n${nameOf(request.owner)}新提供了本单位记录 ${added.join('、')}，请用原链接查看，有效至 ${localInstant(request.grant!.until)}。`;
}

export function notOwnRecord(number: string): string {
  return `「${number}」不是本单位可提供的记录。材料须是本单位接收的线索（XS-…）或本单位签发、接收的文书，且您有权查看。`;
}

export function refusedNotice(request: FileAccessRequest, nameOf: NameOf): string {
  return `【调阅未获批准】${title(request, nameOf)}\n理由：${request.refusal!.reason}`;
}

export function reminderText(request: FileAccessRequest, nameOf: NameOf, moment: ReminderMoment): string {
  return `【${moment.title}】${title(request, nameOf)}的审批${moment.state}。请发送「${APPROVE_USAGE.replace('<编号>', request.number)}」或「${REFUSE_USAGE.replace('<编号>', request.number)}」。`;
}

export function escalationText(request: FileAccessRequest, nameOf: NameOf, moment: ReminderMoment): string {
  return `【逾期督办】${title(request, nameOf)}的审批${moment.state}，尚未审批。请督促办理。`;
}

export function openLine(entry: FileAccessOpen, nameOf: NameOf): string {
  return `${localInstant(entry.at)} ${nameOf(entry.by.agency)} ${entry.by.name} ${entry.action === 'download' ? '下载' : '查看'} ${entry.requestNumber}${entry.item && entry.item !== LISTING ? ` 「${entry.item}」` : ''}`;
}
