import type { SharingConfig } from '../../config/sharing';
import type { Clock } from '../../kernel/clock';
import type { Person } from '../../kernel/people';
import { addDays, yearOf } from '../../kernel/time/local-date';
import { instantAt, localDateOf } from '../../kernel/time/local-time';
import type { AccessGrant, FileAccessFile, FileAccessOpen, FileAccessRequest, FileAccessStore } from '../../store/file-access';
import type { AttachmentRef, ClueAttachments } from '../clues/attachments';
import type { ClueService } from '../clues/clue-service';
import { formatClueNumber, parseClueNumber } from '../clues/numbers';
import { signInPath, type LinkHolder, type LinkTokens } from '../links/link-tokens';
import { findFontFile } from '../reports/chart';
import { watermarkImage, WATERMARKABLE_IMAGES } from './image-watermark';
import { PDF, watermarkablePdf, watermarkPdf } from './pdf-watermark';
import type { SequenceStore } from '../../store/sequences';
import { actorOf } from '../actor';
import type { WorkingCalendar } from '../deadlines/calendar';
import { computeDeadline } from '../deadlines/count';
import { StoreReminders } from '../deadlines/reminder-runner';
import { firstReminderStep, type DeadlineReminderRules } from '../deadlines/reminder-steps';
import type { Members } from '../documents/audience';
import type { DocumentService } from '../documents/document-service';
import { Refusal } from '../errors';
import type { Notifier } from '../notifier';
import { formatNumber } from '../numbering';
import type { Organization } from '../organization';
import type { ApprovalInput } from './command-args';
import * as texts from './texts';
import { watermarkedHtml, type ViewFile, type WatermarkedView } from './watermark';

const PREFIX = 'DY';
const RECORD_NUMBER = /\b[A-Z]{2}-\d{4}-\d{4}(?:-\d+)?\b/i;

/** Where the materials of an approved request are served (src/http/file-access.ts). */
export const FILE_ACCESS_PATHS = {
  view: (token: string) => `/file-access/${token}`,
  download: (token: string) => `/file-access/${token}/download`,
  file: (token: string, index: number) => `/file-access/${token}/files/${index}`,
  fileDownload: (token: string, index: number) => `/file-access/${token}/files/${index}/download`,
} as const;

/**
 * How an attached file is shown: watermarked image, PDF or text; a format that cannot be watermarked (copy scope
 * only, as the original); or a PDF that could not be read when attached (never served: not watermarkable, not raw).
 */
export type FileTreatment = 'image' | 'pdf' | 'text' | 'none' | 'unreadable';

export function treatmentOf(file: Pick<FileAccessFile, 'contentType' | 'unreadable'>): FileTreatment {
  if (file.unreadable) return 'unreadable';
  if (WATERMARKABLE_IMAGES.has(file.contentType)) return 'image';
  if (file.contentType === PDF) return 'pdf';
  return file.contentType === 'text/plain' ? 'text' : 'none';
}

/** One attached file as served: bytes, type and how the browser should take it. */
export interface ServedFile {
  name: string;
  contentType: string;
  bytes: Buffer;
  disposition: 'inline' | 'attachment';
}

export interface FileAccessDeps {
  store: FileAccessStore;
  sequences: SequenceStore;
  config: SharingConfig['fileAccess'];
  reminders: DeadlineReminderRules;
  lateAfterMinutes: number;
  calendar: WorkingCalendar;
  org: Organization;
  roster: Members;
  notifier: Notifier;
  documents: Pick<DocumentService, 'find' | 'describe' | 'kinds'>;
  /** The owner's clues released as materials: who may release one, and its record as the requester sees it. */
  clues: Pick<ClueService, 'releasable' | 'released'>;
  /** The sealed attachment store shared with clue evidence: receives, seals and opens attached files. */
  attachments: Pick<ClueAttachments, 'open' | 'nameOf'>;
  /** Link tokens: the requester's link, bound to them, purpose `file-access`, item the request number. */
  links: LinkTokens;
  /** CJK font files tried in order for image and PDF watermarks (config/reports.yaml chart.fontFiles). */
  fontFiles: readonly string[];
  /** The most files one request may carry (config/attachments.yaml maxPerClue). */
  maxFiles: number;
  clock: Clock;
  /** PUBLIC_BASE_URL, put before the paths of links the bot sends. */
  linkBase: string;
  /** Whether a channel's users sign in in its browser (WeCom, DingTalk): their link goes through that sign-in. */
  signsIn: (channel: string) => boolean;
}

export interface AccessRequestInput {
  owner: string;
  subject: string;
  reason: string;
}

/**
 * 调阅/复制 between the supervising agencies: an officer asks another agency for a case's files;
 * its organizers or leaders approve (scope, materials, period) or refuse, reminded and escalated
 * like any deadline; the requester alone opens the materials, watermarked, until the link expires;
 * every opening is logged and the owner lists who saw what.
 */
export class FileAccessService {
  readonly nameOf = (code: string) => this.deps.org.name(code);

  /** Reminders to decide, and the escalation to the owner's leaders on the first overdue day. */
  readonly reminders: StoreReminders<FileAccessRequest>;

  constructor(private readonly deps: FileAccessDeps) {
    const { store, roster, org } = deps;
    this.reminders = new StoreReminders<FileAccessRequest>(
      {
        name: 'file-access',
        due: (until, limit) => store.dueForReminder(until, limit),
        advance: (item, next, escalatedAt) => store.advanceReminder(item, next, escalatedAt),
        find: (number) => store.find(number),
        rules: deps.reminders,
        audience: async (request, escalate) => ({
          reminded: await roster.members(request.owner, org.audience('sharingRequests')),
          escalated: escalate ? await roster.members(request.owner, org.audience('fileAccessEscalation')) : [],
        }),
        text: (request, what, moment) =>
          what === 'remind' ? texts.reminderText(request, this.nameOf, moment) : texts.escalationText(request, this.nameOf, moment),
      },
      deps,
    );
  }

  private assertSupervisor(agency: string): void {
    if (!this.deps.org.is(agency, 'supervisor')) throw new Refusal('调阅、复制案卷材料限于纪委监委、检察院、司法局之间。');
  }

  assertMayRequest(person: Person): void {
    this.assertSupervisor(person.agency);
  }

  /** The agency whose files the person may ask for: another supervising agency, by code or name. */
  ownerFor(person: Person, text: string): string {
    this.assertMayRequest(person);
    const owner = this.deps.org.resolve(text).code;
    this.assertSupervisor(owner);
    if (owner === person.agency) throw new Refusal('本单位的案卷无需申请调阅。');
    return owner;
  }

  async request(person: Person, input: AccessRequestInput): Promise<FileAccessRequest> {
    const { org, config, clock, calendar, reminders, notifier } = this.deps;
    const owner = this.ownerFor(person, input.owner);
    const subject = input.subject.trim();
    const reason = input.reason.trim();
    if (!subject || subject.length > 100) throw new Refusal('请写明要调阅的案件或文书编号/名称（不超过100字）。');
    if (!reason || reason.length > 300) throw new Refusal(`请写明调阅事由（不超过300字）：${texts.REQUEST_USAGE}。`);
    const now = clock.now();
    const today = localDateOf(now);
    const { due, provisional } = computeDeadline(today, config.answerPeriod, calendar);
    const number = formatNumber(PREFIX, yearOf(today), await this.deps.sequences.next(`${PREFIX}-${yearOf(today)}`, now));
    const step = firstReminderStep(due, now, reminders, this.deps.calendar);
    const relatedCase = RECORD_NUMBER.exec(reason)?.[0].toUpperCase();
    const request: FileAccessRequest = {
      number,
      requester: actorOf(person),
      owner,
      subject,
      reason,
      ...(relatedCase ? { relatedCase } : {}),
      startDate: today,
      dueDate: due,
      provisional,
      status: 'pending',
      nextRemindAt: step.at,
      nextStepOffset: step.offset,
      createdAt: now,
    };
    await this.deps.store.insert(request);
    await notifier.toAgency(owner, org.audience('sharingRequests'), `file-access:${number}:new`, texts.newRequestNotice(request, this.nameOf));
    return request;
  }

  /** A request the person's agency made or owns; the refusal reads the same whether or not it exists. */
  async view(person: Person, number: string): Promise<FileAccessRequest> {
    const request = await this.deps.store.find(number.toUpperCase());
    if (!request || (request.owner !== person.agency && request.requester.agency !== person.agency)) {
      throw new Refusal(`找不到您可查看的调阅申请 ${number}。发送「调阅」列出本单位的调阅申请。`);
    }
    return request;
  }

  private async pendingOwned(person: Person, number: string): Promise<FileAccessRequest> {
    const request = await this.view(person, number);
    if (request.owner !== person.agency) throw new Refusal(`只有${this.nameOf(request.owner)}可以审批 ${request.number}。`);
    if (request.status !== 'pending') throw new Refusal(`${request.number} 已审批。发送「调阅 ${request.number}」查看。`);
    return request;
  }

  /**
   * A record of the bot the person may release as material of the request: a clue their agency received, or a
   * document it issued or received, that the visibility policy lets them view; its number, or null.
   */
  private async ownRecord(person: Person, request: FileAccessRequest, text: string): Promise<string | null> {
    const clue = parseClueNumber(text);
    if (clue) {
      const number = formatClueNumber(clue);
      return (await this.deps.clues.releasable(person, number)) ? number : null;
    }
    const doc = await this.deps.documents.find(text.toUpperCase());
    const mine = doc && (doc.issuer === request.owner || doc.recipient === request.owner);
    return mine && this.deps.documents.kinds.mayView(doc, person) ? doc.number : null;
  }

  /** The records named as materials, each the person's to release (else refused); by default the subject when it is one. */
  private async materialsOf(person: Person, request: FileAccessRequest, named: string[]): Promise<string[]> {
    if (!named.length) {
      const subject = await this.ownRecord(person, request, request.subject);
      return subject ? [subject] : [];
    }
    const materials: string[] = [];
    for (const text of named) {
      const found = await this.ownRecord(person, request, text);
      if (!found) throw new Refusal(texts.notOwnRecord(text.toUpperCase()));
      materials.push(found);
    }
    return [...new Set(materials)];
  }

  async approve(person: Person, number: string, input: ApprovalInput): Promise<FileAccessRequest> {
    const { config, clock, store, notifier } = this.deps;
    const request = await this.pendingOwned(person, number);
    const days = input.days ?? config.defaultDays;
    if (days < 1 || days > config.maxDays) throw new Refusal(`有效期应为 1 到 ${config.maxDays} 天。`);
    const materials = await this.materialsOf(person, request, input.materials);
    const now = clock.now();
    // Valid through the last day: until the midnight that ends it, Asia/Shanghai.
    const until = instantAt(addDays(localDateOf(now), days + 1), '00:00');
    const grant: AccessGrant = { scope: input.scope, materials, until, files: [], by: actorOf(person), at: now };
    const approved = await store.decide(request.number, { grant }, now);
    if (!approved) throw new Refusal(`${request.number} 刚刚已被他人审批。发送「调阅 ${request.number}」查看。`);
    const token = await this.deps.links.issue(request.requester, 'file-access', request.number, until);
    const path = FILE_ACCESS_PATHS.view(token);
    const link = this.deps.linkBase + (this.deps.signsIn(request.requester.channel) ? signInPath(request.requester.channel, path) : path);
    await notifier.toPeople([{ ...request.requester, roles: [] }], `file-access:${request.number}:approved`, texts.approvedNotice(approved, this.nameOf, link));
    return approved;
  }

  async refuse(person: Person, number: string, reason: string): Promise<FileAccessRequest> {
    const { clock, store, notifier } = this.deps;
    const request = await this.pendingOwned(person, number);
    if (!reason.trim()) throw new Refusal(`请写明理由：${texts.REFUSE_USAGE}。`);
    const now = clock.now();
    const refused = await store.decide(request.number, { refusal: { reason: reason.trim().slice(0, 300), by: actorOf(person), at: now } }, now);
    if (!refused) throw new Refusal(`${request.number} 刚刚已被他人审批。发送「调阅 ${request.number}」查看。`);
    await notifier.toPeople([{ ...request.requester, roles: [] }], `file-access:${request.number}:refused`, texts.refusedNotice(refused, this.nameOf));
    return refused;
  }

  /** The agency's requests both ways; leaders also get the county's counts (never the contents). */
  async overview(person: Person): Promise<{ requests: FileAccessRequest[]; county?: Record<FileAccessRequest['status'], number> }> {
    const { store, org } = this.deps;
    const requests = await store.listFor(person.agency, 30);
    return { requests, ...(org.may(person, 'viewReports') ? { county: await store.counts() } : {}) };
  }

  /** 调阅记录: who opened which of the agency's shared materials, when (owner only). */
  async accessLog(person: Person, number?: string): Promise<FileAccessOpen[]> {
    if (number) {
      const request = await this.view(person, number);
      if (request.owner !== person.agency) throw new Refusal(`调阅记录由材料所属单位${this.nameOf(request.owner)}查看。`);
      return this.deps.store.opens(person.agency, request.number);
    }
    return this.deps.store.opens(person.agency);
  }

  /** An approved, unexpired request the person's agency owns: the one materials may be added to. */
  private async approvedOwned(person: Person, number: string): Promise<FileAccessRequest> {
    const request = await this.view(person, number);
    if (request.owner !== person.agency) throw new Refusal(`只有材料所属单位${this.nameOf(request.owner)}可以为 ${request.number} 附加材料。`);
    if (request.status !== 'approved' || !request.grant || request.grant.until <= this.deps.clock.now()) {
      const status = request.status === 'approved' ? 'expired' : request.status;
      throw new Refusal(`${request.number} 不在有效的批准期内（${texts.STATUS_NAMES[status]}），不能附加材料。`);
    }
    return request;
  }

  /** The request files may be attached to: approved, unexpired, the person's agency's, not yet holding the most files. */
  async attachable(person: Person, number: string): Promise<FileAccessRequest> {
    const request = await this.approvedOwned(person, number);
    if ((request.grant!.files ?? []).length >= this.deps.maxFiles) throw new Refusal(`${request.number} 已有 ${this.deps.maxFiles} 个文件，不能再附加。`);
    return request;
  }

  /**
   * 附加调阅材料 DY-… <记录编号…>: adds the bot's own records (the owner's clues and documents, as at approval) to an
   * approved request's materials and tells the requester; they appear as watermarked pages of the listing.
   */
  async attachRecords(person: Person, number: string, named: string[]): Promise<{ request: FileAccessRequest; added: string[] }> {
    const request = await this.approvedOwned(person, number);
    const before = request.grant!.materials;
    const added = (await this.materialsOf(person, request, named)).filter((m) => !before.includes(m));
    if (!added.length) throw new Refusal(`${named.map((n) => n.toUpperCase()).join('、')} 已是 ${request.number} 的材料。`);
    const now = this.deps.clock.now();
    const updated = await this.deps.store.addMaterials(request.number, before.length, added, now);
    if (!updated) throw new Refusal(`${request.number} 的材料刚刚有变动，请重新发送「附加调阅材料 ${request.number} ${named.join(' ')}」。`);
    await this.deps.notifier.toPeople(
      [{ ...request.requester, roles: [] }],
      `file-access:${request.number}:materials:${updated.grant!.materials.length}`,
      texts.recordsAddedNotice(updated, this.nameOf, added),
    );
    return { request: updated, added };
  }

  /**
   * Attaches received files (already sealed in the attachment store) to an approved request and tells the requester;
   * the notes say which files the requester cannot open: PDFs that cannot be read (encrypted, broken) in any scope,
   * other formats that cannot be watermarked under view scope.
   */
  async attachFiles(person: Person, number: string, refs: AttachmentRef[]): Promise<{ request: FileAccessRequest; notes: string[] }> {
    const request = await this.attachable(person, number);
    if (!refs.length) throw new Refusal('还没有收到文件。');
    const already = request.grant!.files ?? [];
    if (already.length + refs.length > this.deps.maxFiles) throw new Refusal(`每件调阅申请最多 ${this.deps.maxFiles} 个文件，已有 ${already.length} 个。`);
    const now = this.deps.clock.now();
    const files: FileAccessFile[] = [];
    for (const ref of refs) {
      const file: FileAccessFile = { id: ref.id, kind: ref.kind, contentType: ref.contentType, size: ref.size, at: now };
      files.push((await this.unreadablePdf(file)) ? { ...file, unreadable: true } : file);
    }
    const updated = await this.deps.store.attachFiles(request.number, already.length, files, now);
    if (!updated) throw new Refusal(`${request.number} 的材料刚刚有变动，请重新发送「附加调阅材料 ${request.number}」。`);
    const total = updated.grant!.files!.length;
    await this.deps.notifier.toPeople(
      [{ ...request.requester, roles: [] }],
      `file-access:${request.number}:files:${total}`,
      texts.filesAddedNotice(updated, this.nameOf, refs.length),
    );
    const notes = refs.flatMap((ref, i) => {
      const treatment = treatmentOf(files[i]!);
      if (treatment === 'unreadable') return [texts.unreadablePdfNote(ref.name)];
      return treatment === 'none' && updated.grant!.scope === 'view' ? [texts.notWatermarkableNote(ref.name)] : [];
    });
    return { request: updated, notes };
  }

  private async unreadablePdf(file: FileAccessFile): Promise<boolean> {
    if (file.contentType !== PDF) return false;
    const opened = await this.deps.attachments.open({ id: file.id });
    return !opened || !(await watermarkablePdf(opened.bytes));
  }

  /** The channel a valid link was issued to (its sign-in is where an unidentified browser is sent); null otherwise. */
  linkChannel(token: string): Promise<string | null> {
    return this.deps.links.channelOf(token, 'file-access');
  }

  /** The approved, unexpired request a link token opens for `opener`; null otherwise, whatever the reason. */
  private async granted(token: string, opener: LinkHolder | null): Promise<{ request: FileAccessRequest; grant: AccessGrant; now: Date } | null> {
    const link = await this.deps.links.redeem(token, 'file-access', opener);
    if (!link) return null;
    const request = await this.deps.store.find(link.item);
    const now = this.deps.clock.now();
    const grant = request?.grant;
    if (!request || !grant || request.status !== 'approved' || grant.until <= now) return null;
    return { request, grant, now };
  }

  private markOf(request: FileAccessRequest, now: Date): string {
    return `${request.requester.name}（${this.nameOf(request.requester.agency)}） ${texts.localInstant(now)} ${request.number}`;
  }

  private logOpen(request: FileAccessRequest, action: FileAccessOpen['action'], item: string, at: Date): Promise<void> {
    return this.deps.store.appendOpen({ requestNumber: request.number, owner: request.owner, action, item, by: request.requester, at });
  }

  /**
   * The watermarked listing behind a link (the owner's records in full, the attached files by name with how each
   * opens), for the requester only, while approved and unexpired; null otherwise. `download` is the records as
   * watermarked text, copy scope only. Every opening is logged.
   */
  async open(token: string, opener: LinkHolder | null, action: FileAccessOpen['action']): Promise<WatermarkedView | null> {
    const found = await this.granted(token, opener);
    if (!found) return null;
    const { request, grant, now } = found;
    if (action === 'download' && grant.scope !== 'copy') return null;
    await this.logOpen(request, action, texts.LISTING, now);
    const pages = [];
    for (const number of grant.materials) {
      const text = await this.materialText(request, number, now);
      if (text) pages.push({ number, text });
    }
    const files: ViewFile[] = [];
    for (const [i, file] of (grant.files ?? []).entries()) {
      const index = i + 1;
      const treatment = treatmentOf(file);
      const name = (await this.deps.attachments.nameOf(file.id)) ?? `文件${index}`;
      const marked = treatment !== 'none' && treatment !== 'unreadable';
      files.push({
        index,
        name,
        size: file.size,
        image: treatment === 'image',
        ...(marked ? { viewUrl: FILE_ACCESS_PATHS.file(token, index) } : {}),
        ...(grant.scope === 'copy' && treatment !== 'unreadable' ? { downloadUrl: FILE_ACCESS_PATHS.fileDownload(token, index) } : {}),
        ...(treatment === 'none' ? { note: grant.scope === 'copy' ? texts.UNMARKED_DOWNLOAD : texts.NOT_WATERMARKABLE } : {}),
        ...(treatment === 'unreadable' ? { note: texts.UNREADABLE_PDF } : {}),
      });
    }
    return {
      title: `${this.nameOf(request.owner)} 调阅材料（${request.number}）`,
      mark: this.markOf(request, now),
      pages,
      files,
      ...(grant.scope === 'copy' ? { downloadUrl: FILE_ACCESS_PATHS.download(token) } : {}),
    };
  }

  /** A record released as material, as the requester reads it (a clue's opening is in its audit log); null when gone. */
  private async materialText(request: FileAccessRequest, number: string, now: Date): Promise<string | null> {
    if (parseClueNumber(number)) return this.deps.clues.released(request.owner, number, request.requester, now);
    const doc = await this.deps.documents.find(number);
    return doc && this.deps.documents.describe(doc);
  }

  /**
   * One attached file behind a link, watermarked with the requester's name and the time: `view` serves images as
   * watermarked PNG, PDFs stamped on every page and text as a watermarked page, inline; formats that cannot be
   * watermarked are not served under view. `download` (copy scope only) serves the watermarked image, PDF or text, or
   * the original for other formats. A PDF that cannot be read is never served.
   */
  async openFile(token: string, opener: LinkHolder | null, index: number, action: FileAccessOpen['action']): Promise<ServedFile | null> {
    const found = await this.granted(token, opener);
    if (!found) return null;
    const { request, grant, now } = found;
    const file = (grant.files ?? [])[index - 1];
    if (!file || !Number.isInteger(index)) return null;
    const treatment = treatmentOf(file);
    if (treatment === 'unreadable' || (action === 'download' ? grant.scope !== 'copy' : treatment === 'none')) return null;
    const opened = await this.deps.attachments.open({ id: file.id });
    if (!opened) return null;
    const mark = this.markOf(request, now);
    const disposition = action === 'download' ? 'attachment' : 'inline';
    const base = opened.name.replace(/\.[^.]*$/, '');
    let served: ServedFile;
    if (treatment === 'image') {
      const png = watermarkImage(opened.bytes, file.contentType, mark, findFontFile(this.deps.fontFiles));
      if (!png) return null;
      served = { name: `${base}（水印）.png`, contentType: 'image/png', bytes: png, disposition };
    } else if (treatment === 'pdf') {
      const pdf = await watermarkPdf(opened.bytes, mark, findFontFile(this.deps.fontFiles));
      if (!pdf) return null;
      served = { name: `${base}（水印）.pdf`, contentType: PDF, bytes: pdf, disposition };
    } else if (treatment === 'text') {
      const text = opened.bytes.toString('utf8');
      served =
        action === 'view'
          ? {
              name: `${base}.html`,
              contentType: 'text/html; charset=utf-8',
              bytes: Buffer.from(watermarkedHtml({ title: opened.name, mark, pages: [{ number: opened.name, text }], files: [] })),
              disposition,
            }
          : { name: `${base}（水印）.txt`, contentType: 'text/plain; charset=utf-8', bytes: Buffer.from(texts.watermarkLines(mark, text)), disposition };
    } else {
      served = { name: opened.name, contentType: opened.contentType, bytes: opened.bytes, disposition };
    }
    await this.logOpen(request, action, opened.name, now);
    return served;
  }

  /** Marks the requests whose period ran out as expired and deletes their link tokens. */
  async expireDue(at: Date): Promise<string[]> {
    const numbers = await this.deps.store.expire(at);
    for (const number of numbers) await this.deps.links.revoke('file-access', number);
    return numbers;
  }

  remindDue(at: Date): Promise<number> {
    return this.reminders.run(at);
  }
}
