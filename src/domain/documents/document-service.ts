import type { Clock } from '../../kernel/clock';
import type { Person } from '../../kernel/people';
import { InvalidDateError } from '../../kernel/time/errors';
import { parseLocalDate, yearOf, type LocalDate } from '../../kernel/time/local-date';
import { localDateOf } from '../../kernel/time/local-time';
import type { Period } from '../../kernel/time/period';
import type { Actor, DeadlineDocument, DocumentChange, DocumentStore } from '../../store/documents';
import type { SequenceStore } from '../../store/sequences';
import type { WorkingCalendar } from '../deadlines/calendar';
import { computeDeadline } from '../deadlines/count';
import { eventDate } from '../deadlines/event-date';
import { firstReminderStep, reminderStepAfter } from '../deadlines/reminder-steps';
import { Refusal } from '../errors';
import { readPage, type Paged } from '../paging';
import type { Notifier } from '../notifier';
import { syncTasks } from './platform-tasks';
import { formatNumber } from '../numbering';
import type { Organization } from '../organization';
import type { RosterService } from '../roster/roster-service';
import { escalatedPeople, remindedPeople } from './audience';
import { toOutgoing, type OutgoingMessage } from '../../kernel/messages';
import { DOCUMENT_REMINDER, DocumentReminders } from './document-reminders';
import type { DocumentKind, DocumentKinds, Names, RegistrableKind } from './kinds';
import * as texts from './texts';
import type { RegistrationWarnings } from './texts';
import { cardHolders, RECEIPT_OVERDUE, receiptCardId, receiptLine, signByOf, signCommand, signedCardText, unsignedEscalationText } from './receipt';
import { lateMark, reminderMoment, type LiveRendering } from '../deadlines/reminder-runner';

export interface DocumentDeps {
  documents: DocumentStore;
  sequences: SequenceStore;
  kinds: DocumentKinds;
  /** A reminder sent this many minutes after its time is marked late (config/reminders.yaml). */
  lateAfterMinutes: number;
  calendar: WorkingCalendar;
  org: Organization;
  roster: Pick<RosterService, 'members' | 'withRole'>;
  notifier: Notifier;
  clock: Clock;
  /** 签收 (config/escalation.yaml `receipt`) and when escalations go out (`ladder.time`). */
  receipt: { signWithinWorkingDays: number; time: string };
}

export interface RegistrationInput {
  /** A kind registered by chat command (config/deadlines.yaml). */
  kind: string;
  reference: string;
  /** Code or name; ignored for a kind with a fixed recipient (a transfer goes to the police). */
  recipient?: string;
  startDate: string;
  urgent: boolean;
  /** An issuer's own deadline (YYYY-MM-DD) instead of the configured period. */
  customDue?: string;
}

/** A document registered after the fact (go-live import), with what already happened to it. */
export interface BackRegistration extends RegistrationInput {
  reply?: { date: string; text: string };
  correction?: { date: string; text: string };
}

export interface DeadlinePlan {
  kind: string;
  reference: string;
  issuer: string;
  recipient: string;
  urgent: boolean;
  startDate: LocalDate;
  period?: Period;
  dueDate: LocalDate;
  provisional: boolean;
}

export interface FollowupInput {
  owner: string;
  dueDate: string;
  text: string;
}

function actorOf(person: Person): Actor {
  return { channel: person.channel, userId: person.userId, name: person.name, agency: person.agency };
}

function dateInput(text: string, what: string): LocalDate {
  try {
    return parseLocalDate(text);
  } catch (err) {
    if (err instanceof InvalidDateError) throw new Refusal(`${what}「${text}」不是有效日期，请按 YYYY-MM-DD 填写，例如 2026-03-15。`);
    throw err;
  }
}

/** Documents with deadlines: registration, answers, reminders and escalation, for every kind of config/deadlines.yaml. */
export class DocumentService {
  private readonly reminders: DocumentReminders;
  readonly kinds: DocumentKinds;

  constructor(private readonly deps: DocumentDeps) {
    this.kinds = deps.kinds;
    this.reminders = new DocumentReminders(deps);
  }

  names(doc: Pick<DeadlineDocument, 'kind' | 'issuer' | 'recipient'>): Names {
    return this.kinds.names(doc);
  }

  private today(): LocalDate {
    return localDateOf(this.deps.clock.now());
  }

  /** A kind registered by chat command; anything else is a caller's mistake, not the user's. */
  private registrable(key: string): RegistrableKind {
    const kind = this.kinds.registrable.find((k) => k.key === key);
    if (!kind) throw new Error(`${key} is not a document kind registered by command (config/deadlines.yaml)`);
    return kind;
  }

  assertMayRegister(person: Person, key: string): void {
    const kind = this.registrable(key);
    if (this.kinds.mayRegister(kind, person)) return;
    throw new Refusal(`只有${this.kinds.registrantName(kind)}可以登记${kind.name}。发送「帮助」查看您可用的命令。`);
  }

  /** The day a document of the kind starts (its 送达 or 移送), as the one-line command and the wizard take it: a date or 今天, not later than today. */
  startDateOf(kind: string, text: string): LocalDate {
    return eventDate(text, { today: this.today(), what: this.registrable(kind).startsOn });
  }

  /** Checks a registration and computes its deadline without saving anything. */
  plan(person: Person, input: RegistrationInput): DeadlinePlan {
    const { kinds, calendar } = this.deps;
    const kind = this.registrable(input.kind);
    this.assertMayRegister(person, kind.key);
    const reference = input.reference.trim();
    if (!reference || reference.length > 100) throw new Refusal('请填写文号（不超过100字）。');
    const recipient = kinds.recipientFor(kind, input.recipient);
    if (recipient === person.agency) throw new Refusal('接收单位不能是本单位，请检查单位名称。');
    const startDate = this.startDateOf(kind.key, input.startDate);
    const base = { kind: kind.key, reference, issuer: kinds.issuerFor(kind, person), recipient, urgent: input.urgent, startDate };
    if (input.customDue) {
      const dueDate = dateInput(input.customDue, '期限');
      if (dueDate <= startDate) throw new Refusal(`期限 ${dueDate} 必须晚于起算日期 ${startDate}。`);
      return { ...base, dueDate, provisional: false };
    }
    // Every kind registered by command has an ordinary period (config validation).
    const period = input.urgent && kind.urgent ? kind.urgent : kind.ordinary!;
    const { due, provisional } = computeDeadline(startDate, period, calendar);
    return { ...base, period, dueDate: due, provisional };
  }

  async register(person: Person, input: RegistrationInput): Promise<DeadlineDocument> {
    const plan = this.plan(person, input);
    const kind = this.kinds.get(plan.kind);
    const now = this.deps.clock.now();
    const prefix = kind.numberPrefix!;
    const year = yearOf(this.today());
    const number = formatNumber(prefix, year, await this.deps.sequences.next(`${prefix}-${year}`, now));
    const step = firstReminderStep(plan.dueDate, now, kind.reminders, this.deps.calendar);
    const doc: DeadlineDocument = {
      ...plan,
      number,
      customDue: !plan.period,
      status: 'open',
      nextRemindAt: step.at,
      nextStepOffset: step.offset,
      createdBy: actorOf(person),
      createdAt: now,
      signBy: signByOf(now, this.deps.receipt.signWithinWorkingDays, this.deps.receipt.time, this.deps.calendar),
      version: 0,
    };
    await this.deps.documents.insert(doc);
    await this.announce(doc);
    return doc;
  }

  /** Checks a back-registration and its answers' dates without saving anything. */
  planBackRegistration(person: Person, input: BackRegistration) {
    const plan = this.plan(person, input);
    const answer = (given: { date: string; text: string } | undefined, what: string) => {
      if (!given) return undefined;
      const text = given.text.trim().slice(0, 500);
      if (!text) throw new Refusal(`请写明${what}摘要。`);
      return { date: eventDate(given.date, { today: this.today(), notBefore: plan.startDate, what }), text };
    };
    return { plan, reply: answer(input.reply, '回复'), correction: answer(input.correction, '整改完成') };
  }

  /**
   * Registers a document with its history (the import at go-live): nobody is told, no reminder
   * goes out for steps already past, and one already registered (same kind and 文号) is left as it is.
   */
  async backRegister(person: Person, input: BackRegistration): Promise<{ doc: DeadlineDocument; added: boolean }> {
    const { plan, reply, correction } = this.planBackRegistration(person, input);
    const existing = await this.deps.documents.findByReference(plan.kind, plan.reference);
    if (existing) return { doc: existing, added: false };
    const kind = this.kinds.get(plan.kind);
    const now = this.deps.clock.now();
    const by = actorOf(person);
    const outcome = (answer: { date: LocalDate; text: string } | undefined) =>
      answer && { at: now, date: answer.date, by, text: answer.text, late: answer.date > plan.dueDate };
    const closed = Boolean(correction || (reply && kind.closedBy === 'reply'));
    const step = closed ? null : reminderStepAfter(plan.dueDate, now, kind.reminders, this.deps.calendar);
    const prefix = kind.numberPrefix!;
    const year = yearOf(this.today());
    const doc: DeadlineDocument = {
      ...plan,
      number: formatNumber(prefix, year, await this.deps.sequences.next(`${prefix}-${year}`, now)),
      customDue: !plan.period,
      status: closed ? 'closed' : 'open',
      ...(reply ? { reply: outcome(reply) } : {}),
      ...(correction ? { correction: outcome(correction) } : {}),
      nextRemindAt: step?.at ?? null,
      nextStepOffset: step?.offset ?? null,
      createdBy: by,
      createdAt: now,
      version: 0,
    };
    await this.deps.documents.insert(doc);
    return { doc, added: true };
  }

  /** What the registration's answer warns of (texts.registeredReply). */
  async warnings(doc: DeadlineDocument): Promise<RegistrationWarnings> {
    const members = await this.deps.roster.members(doc.recipient, []);
    return { recipientReachable: members.length > 0, dueOnRestDay: doc.customDue && !this.deps.calendar.isWorkingDay(parseLocalDate(doc.dueDate)) };
  }

  /** Adds the follow-up items of a meeting's minutes, each tracked like a document of the kind created from meetings. */
  async addFollowups(person: Person, meetingNumber: string, items: FollowupInput[]): Promise<DeadlineDocument[]> {
    const kind = this.kinds.from('meeting');
    const today = this.today();
    const planned = items.map((item) => {
      const recipient = this.deps.org.resolve(item.owner).code;
      const dueDate = dateInput(item.dueDate, '跟进期限');
      if (dueDate <= today) throw new Refusal(`跟进事项的期限 ${dueDate} 必须晚于今天。`);
      if (!item.text.trim()) throw new Refusal('跟进事项内容不能为空。');
      return { recipient, dueDate, text: item.text.trim() };
    });
    const now = this.deps.clock.now();
    const created: DeadlineDocument[] = [];
    for (const item of planned) {
      const number = `${meetingNumber}-${await this.deps.sequences.next(meetingNumber, now)}`;
      const step = firstReminderStep(item.dueDate, now, kind.reminders, this.deps.calendar);
      const doc: DeadlineDocument = {
        number,
        kind: kind.key,
        reference: item.text,
        issuer: person.agency,
        recipient: item.recipient,
        urgent: false,
        startDate: today,
        customDue: true,
        dueDate: item.dueDate,
        provisional: false,
        status: 'open',
        nextRemindAt: step.at,
        nextStepOffset: step.offset,
        meetingNumber,
        createdBy: actorOf(person),
        createdAt: now,
        version: 0,
      };
      await this.deps.documents.insert(doc);
      await this.announce(doc);
      created.push(doc);
    }
    return created;
  }

  /** The new item to the receiving unit: for a document to be signed for, a card with 签收 to its liaisons. */
  private async announce(doc: DeadlineDocument): Promise<void> {
    const { notifier, roster } = this.deps;
    const notice = texts.registeredNotice(doc, this.names(doc));
    const members = await roster.members(doc.recipient, []);
    const holders = doc.signBy ? cardHolders(members, this.deps.org.audience('receiptCard')) : [];
    const others = members.filter((p) => !holders.includes(p));
    const card = { title: '签收通知', text: `${notice}\n收到后请点击「签收」。`, buttons: [signCommand(doc.number)], card: receiptCardId(doc.number) };
    await notifier.toPeople(holders, `registered:${doc.number}`, card);
    await notifier.toPeople(others, `registered:${doc.number}`, notice);
    await syncTasks(notifier, members, doc, this.names(doc), 'open');
    if (doc.provisional) {
      const year = yearOf(parseLocalDate(doc.dueDate));
      await notifier.toPeople(await roster.withRole('admin'), `holidays-missing:${year}`, texts.holidaysMissingText(year));
    }
  }

  async find(number: string): Promise<DeadlineDocument | null> {
    return this.deps.documents.find(number.toUpperCase());
  }

  /** A document the person may see; a refusal reads the same whether or not the number exists. */
  async view(person: Person, number: string): Promise<DeadlineDocument> {
    const doc = await this.find(number);
    if (!doc || !this.kinds.mayView(doc, person)) throw new Refusal(`找不到您可查看的文书 ${number}。请检查编号，或发送「文书」列出本单位的文书。`);
    return doc;
  }

  /** Open items the person's agency issued or must answer, soonest due first. */
  async openFor(agency: string, page = 1): Promise<Paged<DeadlineDocument>> {
    return readPage(page, (skip, limit) => this.deps.documents.openFor(agency, skip, limit));
  }

  /** Every open item past its due date, oldest due first (leaders' 逾期). */
  async overdue(): Promise<DeadlineDocument[]> {
    return this.deps.documents.overdue(this.today());
  }

  describe(doc: DeadlineDocument): string {
    const names = this.names(doc);
    const stage = names.kind.steps.length ? `\n当前步骤：${this.stepName(doc)}` : '';
    return `${texts.describeDocument(doc, names, this.today())}${stage}\n${receiptLine(doc, this.deps.org)}`;
  }

  /**
   * 签收: by a member of the receiving unit, recorded once with who and when (the change from a version is a
   * unique insert); every card holder's card then shows it in place, and the issuer is told.
   */
  async sign(person: Person, number: string): Promise<{ doc: DeadlineDocument; already: boolean }> {
    for (let attempt = 0; ; attempt++) {
      const doc = await this.view(person, number);
      if (person.agency !== doc.recipient) throw new Refusal(`只有接收单位可以签收 ${doc.number}。发送「文书 ${doc.number}」查看。`);
      if (doc.receipt) return { doc, already: true };
      const receipt = { at: this.deps.clock.now(), by: actorOf(person) };
      const signed = await this.change(doc, { set: { receipt } });
      if (!signed) {
        if (attempt < 2) continue;
        throw new Refusal(`${doc.number} 刚刚已有变更，请重新发送「${signCommand(doc.number)}」。`);
      }
      await this.announceReceipt(signed);
      return { doc: signed, already: false };
    }
  }

  private async announceReceipt(doc: DeadlineDocument): Promise<void> {
    const { notifier, roster, org } = this.deps;
    const names = this.names(doc);
    const text = signedCardText(doc, names, doc.receipt!, org);
    const holders = cardHolders(await roster.members(doc.recipient, []), org.audience('receiptCard'));
    await notifier.toPeople(holders, `receipt-signed:${doc.number}`, { title: '已签收', text, updatesCard: receiptCardId(doc.number) });
    await notifier.toAgency(doc.issuer, org.audience('issuerNotices'), `receipt-signed:${doc.number}`, `【已签收】${text}`);
  }

  /** Documents not signed for in time, each escalated to the issuer once. */
  async escalateUnsigned(at: Date): Promise<number> {
    const { documents, roster, org, notifier } = this.deps;
    let escalated = 0;
    for (const doc of await documents.unsigned(at, 200)) {
      const live = { kind: RECEIPT_OVERDUE, ref: JSON.stringify({ number: doc.number, plannedAt: doc.signBy?.toISOString() }) };
      const late = Boolean(doc.signBy && lateMark(doc.signBy, at, this.deps.lateAfterMinutes));
      await notifier.toPeople(await escalatedPeople(roster, org, doc.issuer), `receipt-overdue:${doc.number}`, this.unsignedText(doc, at, doc.signBy), {
        late,
        live,
      });
      if (await this.change(doc, { set: { receiptEscalatedAt: at } })) escalated++;
    }
    return escalated;
  }

  /**
   * 回复: by the recipient, or the issuer recording it. Closes the item unless its kind is closed by a correction.
   * `date` is the day it happened when recorded later (default today); lateness counts from it.
   */
  async reply(person: Person, number: string, text: string, date?: string): Promise<{ doc: DeadlineDocument; daysLate: number }> {
    return this.answer(person, number, text, 'reply', date);
  }

  /** 整改完成: records the correction (on `date`, default today) and closes the item. */
  async correct(person: Person, number: string, text: string, date?: string): Promise<{ doc: DeadlineDocument; daysLate: number }> {
    return this.answer(person, number, text, 'correction', date);
  }

  private async answer(person: Person, number: string, text: string, what: 'reply' | 'correction', dateText: string | undefined) {
    const word = what === 'reply' ? '回复' : '整改完成';
    const summary = text.trim();
    if (!summary) throw new Refusal(`请附上${word}摘要，例如「${word} ${number} 2026-03-10 已书面回复」（日期可省略，默认今天）。`);
    const doc = await this.view(person, number);
    if (person.agency !== doc.recipient && !this.kinds.isIssuerSide(doc.kind, doc.issuer, person)) {
      throw new Refusal(`只有接收单位或签发单位可以登记${word}。发送「文书 ${doc.number}」查看。`);
    }
    if (doc.status === 'closed') throw new Refusal(`${doc.number} 已办结，无需再登记。发送「文书 ${doc.number}」查看。`);
    if (what === 'reply' && doc.reply) throw new Refusal(`${doc.number} 已登记过回复。整改完成后请发送「整改完成 ${doc.number} <说明>」。`);
    const names = this.names(doc);
    const date = eventDate(dateText, { today: this.today(), notBefore: parseLocalDate(doc.startDate), what: word });
    const daysLate = texts.lateness(doc.dueDate, date);
    const outcome = { at: this.deps.clock.now(), date, by: actorOf(person), text: summary.slice(0, 500), late: daysLate > 0 };
    const closes = what === 'correction' || names.kind.closedBy === 'reply';
    const change: DocumentChange = { set: { [what]: outcome, ...(closes ? { status: 'closed' as const, nextRemindAt: null, nextStepOffset: null } : {}) } };
    const updated = await this.change(doc, change);
    if (!updated) throw new Refusal(`${doc.number} 刚刚已被他人登记。发送「文书 ${doc.number}」查看。`);
    const message = texts.answeredNotice(updated, names, word, `${this.deps.org.name(person.agency)} ${person.name}`, daysLate, date);
    const otherSide = person.agency === doc.recipient ? doc.issuer : doc.recipient;
    const roles = otherSide === doc.recipient ? [] : this.deps.org.audience('issuerNotices');
    await this.deps.notifier.toAgency(otherSide, roles, `${what}:${doc.number}`, message);
    if (closes) await syncTasks(this.deps.notifier, await this.deps.roster.members(doc.recipient, []), updated, names, 'done');
    return { doc: updated, daysLate };
  }

  /** An issuer's own deadline for an open item; reminders are planned anew. */
  async changeDue(person: Person, number: string, dueText: string): Promise<DeadlineDocument> {
    const doc = await this.view(person, number);
    const names = this.names(doc);
    if (!this.kinds.isIssuerSide(doc.kind, doc.issuer, person)) throw new Refusal(`只有签发单位可以调整期限。如需延期，请联系${names.issuer}。`);
    if (doc.status === 'closed') throw new Refusal(`${doc.number} 已办结，不能调整期限。`);
    const dueDate = dateInput(dueText, '期限');
    if (dueDate <= doc.startDate) throw new Refusal(`期限 ${dueDate} 必须晚于起算日期 ${doc.startDate}。`);
    const updated = await this.change(doc, {
      set: { dueDate, provisional: false, customDue: true, ...this.remindersFrom(dueDate, names.kind) },
      unset: ['ladder'],
    });
    if (!updated) throw new Refusal(`${doc.number} 刚刚已有变更，请重试。`);
    await this.deps.notifier.toAgency(
      doc.recipient,
      [],
      `due-changed:${doc.number}:${dueDate}`,
      `【期限调整】${names.kind.name} ${doc.number} 的期限已由签发单位调整为 ${dueDate}。${texts.nextAction(updated, names.kind)}`,
    );
    await syncTasks(this.deps.notifier, await this.deps.roster.members(doc.recipient, []), updated, names, `due:${dueDate}`);
    return updated;
  }

  /** 移送进展: the next step of a kind's procedure (令310) starts on a date; its deadline and reminders start anew. */
  async advanceTransfer(person: Person, number: string, stepText: string, dateText: string): Promise<DeadlineDocument> {
    const doc = await this.view(person, number);
    const { kind } = this.names(doc);
    if (!kind.steps.length) throw new Refusal(`${doc.number} 不是移送案件，「移送进展」只用于移送案件。`);
    if (!this.kinds.isIssuerSide(doc.kind, doc.issuer, person) && person.agency !== doc.recipient)
      throw new Refusal('只有移送单位或公安机关可以登记移送进展。');
    const matching = kind.steps.filter((s) => s.key === stepText || s.name.includes(stepText));
    const step = matching.length === 1 ? matching[0]! : kind.steps.find((s) => s.name === stepText);
    if (!step) throw new Refusal(`请指明步骤，可用：${kind.steps.map((s) => s.name).join('、')}。`);
    const startDate = eventDate(dateText, { today: this.today(), notBefore: parseLocalDate(doc.startDate), what: '该步骤开始' });
    const { due, provisional } = computeDeadline(startDate, step.period, this.deps.calendar);
    const updated = await this.change(doc, {
      set: {
        transferStep: step.key,
        startDate,
        period: step.period,
        dueDate: due,
        provisional,
        customDue: false,
        status: 'open',
        ...this.remindersFrom(due, kind),
      },
      unset: ['reply', 'correction', 'escalatedAt', 'ladder'],
    });
    if (!updated) throw new Refusal(`${doc.number} 刚刚已有变更，请重试。`);
    const otherSide = person.agency === doc.recipient ? doc.issuer : doc.recipient;
    await this.deps.notifier.toAgency(
      otherSide,
      [],
      `transfer-step:${doc.number}:${step.key}:${startDate}`,
      `【移送进展】${doc.number}（${doc.reference}）进入「${step.name}」，期限 ${due}。${texts.nextAction(updated, kind)}${texts.provisionalNote(updated)}`,
    );
    return updated;
  }

  /** The step of its procedure a document is in (for a kind with steps). */
  stepName(doc: DeadlineDocument): string | undefined {
    return this.kinds.stepName(this.kinds.get(doc.kind), doc.transferStep);
  }

  /** Reminders planned anew for a new due date, by the kind's policy. */
  private remindersFrom(dueDate: LocalDate, kind: DocumentKind): Pick<DeadlineDocument, 'nextRemindAt' | 'nextStepOffset'> {
    const step = firstReminderStep(dueDate, this.deps.clock.now(), kind.reminders, this.deps.calendar);
    return { nextRemindAt: step.at, nextStepOffset: step.offset };
  }

  /** One change to a document as read, taken once (DocumentStore.applyChange); null when someone else's came first. */
  private change(doc: DeadlineDocument, change: DocumentChange): Promise<DeadlineDocument | null> {
    return this.deps.documents.applyChange(doc.number, doc.version ?? 0, change, this.deps.clock.now());
  }

  /**
   * Recomputes open provisional deadlines with the current calendar (after an admin
   * added a year to the holiday table). Cost grows with provisional items only.
   */
  async recomputeProvisional(): Promise<number> {
    const { documents, roster, org, notifier, calendar } = this.deps;
    let changed = 0;
    for (const doc of await documents.openProvisional()) {
      if (doc.customDue || !doc.period) continue;
      const { due, provisional } = computeDeadline(parseLocalDate(doc.startDate), doc.period, calendar);
      if (provisional) continue;
      const names = this.names(doc);
      const updated = await this.change(doc, { set: { dueDate: due, provisional, customDue: false, ...this.remindersFrom(due, names.kind) } });
      if (!updated) continue;
      changed++;
      await notifier.toPeople(await remindedPeople(roster, org, doc), `recomputed:${doc.number}:${due}`, texts.recomputedNotice(updated, names, doc.dueDate));
    }
    return changed;
  }

  /** The 未签收 escalation as of `now`: where the deadline stands then, marked when late. */
  private unsignedText(doc: DeadlineDocument, now: Date, plannedAt: Date | undefined): string {
    const { state } = reminderMoment(doc.dueDate, now, this.deps.calendar);
    const text = unsignedEscalationText(doc, this.names(doc), this.deps.receipt.signWithinWorkingDays, state);
    return text + (plannedAt ? lateMark(plannedAt, now, this.deps.lateAfterMinutes) : '');
  }

  /** A 未签收 escalation written again as of `now`; null once the document was signed for or closed. */
  private async renderUnsigned(ref: string, now: Date): Promise<OutgoingMessage | null> {
    const { number, plannedAt } = JSON.parse(ref) as { number: string; plannedAt?: string };
    const doc = await this.deps.documents.find(number);
    if (!doc || doc.receipt || doc.status !== 'open') return null;
    return toOutgoing(this.unsignedText(doc, now, plannedAt ? new Date(plannedAt) : undefined));
  }

  /** The outbox sender's live renderers of documents: reminders and escalations, and 未签收 escalations. */
  liveRenderers(): LiveRendering[] {
    return [
      [DOCUMENT_REMINDER, (ref, now) => this.reminders.render(ref, now)],
      [RECEIPT_OVERDUE, (ref, now) => this.renderUnsigned(ref, now)],
    ];
  }

  remindDue(at: Date): Promise<number> {
    return this.reminders.remindDue(at);
  }
}
