import { randomBytes } from 'node:crypto';
import type { SharingConfig } from '../../config/sharing';
import type { Clock } from '../../kernel/clock';
import type { ChannelName } from '../../kernel/messages';
import type { Person } from '../../kernel/people';
import { addDays, yearOf } from '../../kernel/time/local-date';
import { instantAt, localDateOf } from '../../kernel/time/local-time';
import type { FileAccessOpen, FileAccessRequest, FileAccessStore } from '../../store/file-access';
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
import type { WatermarkedView } from './watermark';

const PREFIX = 'DY';
const RECORD_NUMBER = /\b[A-Z]{2}-\d{4}-\d{4}(?:-\d+)?\b/i;

/** Where the materials of an approved request are served (src/http/file-access.ts). */
export const FILE_ACCESS_PATHS = {
  view: (token: string) => `/file-access/${token}`,
  download: (token: string) => `/file-access/${token}/download`,
} as const;

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
  documents: Pick<DocumentService, 'find' | 'describe'>;
  clock: Clock;
  /** PUBLIC_BASE_URL, put before the paths of links the bot sends. */
  linkBase: string;
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

  /** The owner's own documents named as materials; by default the subject, when it is one. */
  private async materialsOf(request: FileAccessRequest, named: string[]): Promise<string[]> {
    const wanted = named.length ? named : [request.subject];
    const materials: string[] = [];
    for (const number of wanted.map((n) => n.toUpperCase())) {
      const doc = await this.deps.documents.find(number);
      if (!doc || (doc.issuer !== request.owner && doc.recipient !== request.owner)) {
        throw new Refusal(`「${number}」不是本单位的文书记录。请用「材料 <文书编号>」指明本单位签发或接收的文书。`);
      }
      materials.push(doc.number);
    }
    return [...new Set(materials)];
  }

  async approve(person: Person, number: string, input: ApprovalInput): Promise<FileAccessRequest> {
    const { config, clock, store, notifier } = this.deps;
    const request = await this.pendingOwned(person, number);
    const days = input.days ?? config.defaultDays;
    if (days < 1 || days > config.maxDays) throw new Refusal(`有效期应为 1 到 ${config.maxDays} 天。`);
    const materials = await this.materialsOf(request, input.materials);
    const now = clock.now();
    // Valid through the last day: until the midnight that ends it, Asia/Shanghai.
    const until = instantAt(addDays(localDateOf(now), days + 1), '00:00');
    const grant = { scope: input.scope, materials, until, token: randomBytes(24).toString('base64url'), by: actorOf(person), at: now };
    const approved = await store.decide(request.number, { grant }, now);
    if (!approved) throw new Refusal(`${request.number} 刚刚已被他人审批。发送「调阅 ${request.number}」查看。`);
    const link = this.deps.linkBase + FILE_ACCESS_PATHS.view(grant.token);
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

  /**
   * The watermarked materials behind a link, for the requester only, while approved and unexpired;
   * null otherwise, whatever the reason. Every opening is logged.
   */
  async open(token: string, opener: { channel: ChannelName; userId: string }, action: FileAccessOpen['action']): Promise<WatermarkedView | null> {
    if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return null;
    const request = await this.deps.store.findByToken(token);
    const now = this.deps.clock.now();
    const grant = request?.grant;
    if (!request || !grant || request.status !== 'approved' || grant.until <= now) return null;
    if (request.requester.channel !== opener.channel || request.requester.userId !== opener.userId) return null;
    if (action === 'download' && grant.scope !== 'copy') return null;
    await this.deps.store.appendOpen({ requestNumber: request.number, owner: request.owner, action, by: request.requester, at: now });
    const pages = [];
    for (const number of grant.materials) {
      const doc = await this.deps.documents.find(number);
      if (doc) pages.push({ number, text: this.deps.documents.describe(doc) });
    }
    return {
      title: `${this.nameOf(request.owner)} 调阅材料（${request.number}）`,
      mark: `${request.requester.name}（${this.nameOf(request.requester.agency)}） ${texts.localInstant(now)} ${request.number}`,
      pages,
      ...(grant.scope === 'copy' ? { downloadUrl: FILE_ACCESS_PATHS.download(token) } : {}),
    };
  }

  /** Revokes the links whose period ran out. */
  expireDue(at: Date): Promise<string[]> {
    return this.deps.store.expire(at);
  }

  remindDue(at: Date): Promise<number> {
    return this.reminders.run(at);
  }
}
