import type { Clock } from '../../kernel/clock';
import type { DeadlinesConfig } from '../../config/deadlines';
import type { RemindersConfig } from '../../config/reminders';
import { DeadlineDocumentModel } from '../../store/mongo/models/deadline-document';
import type { Actor, DeadlineDocument } from '../../store/documents';
import type { Person } from '../../kernel/people';
import { formatNumber } from '../numbering';
import type { SequenceStore } from '../../store/sequences';
import type { WorkingCalendar } from '../deadlines/calendar';
import { computeDeadline } from '../deadlines/count';
import { InvalidDateError } from '../../kernel/time/errors';
import { parseLocalDate, yearOf, type LocalDate } from '../../kernel/time/local-date';
import { localDateOf } from '../../kernel/time/local-time';
import type { Period } from '../../kernel/time/period';
import { firstReminderStep } from '../deadlines/reminder-steps';
import type { Notifier } from '../notifier';
import type { RosterService } from '../roster/roster-service';
import type { Organization } from '../organization';
import { DocumentReminderRunner, reminderRecipients } from './document-reminders';
import { closesOnReply, isIssuerSide, kindName, mayRegister, mayView, type RegistrableKind } from './kinds';
import { Refusal } from '../errors';
import * as texts from './texts';

export interface DocumentDeps {
  sequences: SequenceStore;
  deadlines: DeadlinesConfig;
  reminders: RemindersConfig;
  calendar: WorkingCalendar;
  org: Organization;
  roster: RosterService;
  notifier: Notifier;
  clock: Clock;
}

export interface RegistrationInput {
  kind: RegistrableKind;
  reference: string;
  /** Code or name; ignored for a transfer, which always goes to the configured recipient (gaj). */
  recipient?: string;
  startDate: string;
  urgent: boolean;
  /** An issuer's own deadline (YYYY-MM-DD) instead of the configured period. */
  customDue?: string;
}

export interface DeadlinePlan {
  kind: RegistrableKind;
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

/** Documents with deadlines: registration, answers, reminders and escalation. */
export class DocumentService {
  private readonly runner: DocumentReminderRunner;

  constructor(private readonly deps: DocumentDeps) {
    this.runner = new DocumentReminderRunner(deps, (doc) => this.names(doc));
  }

  names(doc: Pick<DeadlineDocument, 'kind' | 'issuer' | 'recipient'>): texts.Names {
    return {
      kind: kindName(this.deps.deadlines, doc.kind),
      issuer: this.deps.org.name(doc.issuer),
      recipient: this.deps.org.name(doc.recipient),
    };
  }

  private today(): LocalDate {
    return localDateOf(this.deps.clock.now());
  }

  kindName(kind: DeadlineDocument['kind']): string {
    return kindName(this.deps.deadlines, kind);
  }

  assertMayRegister(person: Person, kind: RegistrableKind): void {
    const { deadlines, org } = this.deps;
    if (mayRegister(deadlines, org, kind, person)) return;
    const rules = deadlines.documents[kind];
    const who = rules.issuer === 'enforcement' ? '行政执法单位' : org.name(rules.issuer);
    throw new Refusal(`只有${who}可以登记${rules.name}。发送「帮助」查看您可用的命令。`);
  }

  /** Checks a registration and computes its deadline without saving anything. */
  plan(person: Person, input: RegistrationInput): DeadlinePlan {
    const { deadlines, org, calendar } = this.deps;
    const rules = deadlines.documents[input.kind];
    this.assertMayRegister(person, input.kind);
    const reference = input.reference.trim();
    if (!reference || reference.length > 100) throw new Refusal('请填写文号（不超过100字）。');
    const recipientCode = input.kind === 'transfer' ? deadlines.documents.transfer.recipient : org.resolve(input.recipient ?? '').code;
    if (recipientCode === person.agency) throw new Refusal('接收单位不能是本单位，请检查单位名称。');
    const startDate = dateInput(input.startDate, '起算日期');
    if (startDate > this.today()) throw new Refusal(`起算日期 ${startDate} 晚于今天，请填写实际送达（移送）日期。`);
    const issuer = input.kind === 'transfer' ? person.agency : rules.issuer;
    const base = { kind: input.kind, reference, issuer, recipient: recipientCode, urgent: input.urgent, startDate };
    if (input.customDue) {
      const dueDate = dateInput(input.customDue, '期限');
      if (dueDate <= startDate) throw new Refusal(`期限 ${dueDate} 必须晚于起算日期 ${startDate}。`);
      return { ...base, dueDate, provisional: false };
    }
    const period = input.urgent && rules.urgent ? rules.urgent : rules.ordinary;
    const { due, provisional } = computeDeadline(startDate, period, calendar);
    return { ...base, period, dueDate: due, provisional };
  }

  async register(person: Person, input: RegistrationInput): Promise<DeadlineDocument> {
    const plan = this.plan(person, input);
    const now = this.deps.clock.now();
    const prefix = this.deps.deadlines.documents[plan.kind].numberPrefix;
    const year = yearOf(this.today());
    const number = formatNumber(prefix, year, await this.deps.sequences.next(`${prefix}-${year}`, this.deps.clock.now()));
    const step = firstReminderStep(plan.dueDate, now, this.deps.reminders.deadlines);
    const doc: DeadlineDocument = {
      ...plan,
      number,
      customDue: !plan.period,
      status: 'open',
      nextRemindAt: step.at,
      nextStepOffset: step.offset,
      createdBy: actorOf(person),
      createdAt: now,
    };
    await DeadlineDocumentModel.create(doc);
    await this.announce(doc);
    return doc;
  }

  /** Adds the follow-up items of a meeting's minutes, each tracked like a document. */
  async addFollowups(person: Person, meetingNumber: string, items: FollowupInput[]): Promise<DeadlineDocument[]> {
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
      const number = `${meetingNumber}-${await this.deps.sequences.next(meetingNumber, this.deps.clock.now())}`;
      const step = firstReminderStep(item.dueDate, now, this.deps.reminders.deadlines);
      const doc: DeadlineDocument = {
        number,
        kind: 'followup',
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
      };
      await DeadlineDocumentModel.create(doc);
      await this.announce(doc);
      created.push(doc);
    }
    return created;
  }

  private async announce(doc: DeadlineDocument): Promise<void> {
    const { notifier, roster } = this.deps;
    await notifier.toAgency(doc.recipient, [], `registered:${doc.number}`, texts.registeredNotice(doc, this.names(doc)));
    if (doc.provisional) {
      const year = yearOf(parseLocalDate(doc.dueDate));
      await notifier.toPeople(await roster.withRole('admin'), `holidays-missing:${year}`, texts.holidaysMissingText(year));
    }
  }

  async find(number: string): Promise<DeadlineDocument | null> {
    return DeadlineDocumentModel.findOne({ number: number.toUpperCase() }).lean<DeadlineDocument>();
  }

  /** A document the person may see; a refusal reads the same whether or not the number exists. */
  async view(person: Person, number: string): Promise<DeadlineDocument> {
    const doc = await this.find(number);
    if (!doc || !mayView(this.deps.org, doc, person)) throw new Refusal(`找不到您可查看的文书 ${number}。请检查编号，或发送「文书」列出本单位的文书。`);
    return doc;
  }

  /** Open items the person's agency issued or must answer, soonest due first. */
  async openFor(agency: string): Promise<DeadlineDocument[]> {
    return DeadlineDocumentModel.find({ status: 'open', $or: [{ recipient: agency }, { issuer: agency }] })
      .sort({ dueDate: 1 })
      .limit(50)
      .lean<DeadlineDocument[]>();
  }

  /** Every open item past its due date, oldest due first (leaders' 逾期). */
  async overdue(): Promise<DeadlineDocument[]> {
    return DeadlineDocumentModel.find({ status: 'open', dueDate: { $lt: this.today() } })
      .sort({ dueDate: 1, number: 1 })
      .lean<DeadlineDocument[]>();
  }

  describe(doc: DeadlineDocument): string {
    const stage = doc.kind === 'transfer' ? `\n当前步骤：${this.transferStepName(doc) ?? '公安机关决定是否立案'}` : '';
    return texts.describeDocument(doc, this.names(doc), this.today()) + stage;
  }

  /** 回复: by the recipient, or the issuer recording it. Closes the item unless a correction is still owed. */
  async reply(person: Person, number: string, text: string): Promise<{ doc: DeadlineDocument; daysLate: number }> {
    return this.answer(person, number, text, 'reply');
  }

  /** 整改完成: records the correction and closes the item. */
  async correct(person: Person, number: string, text: string): Promise<{ doc: DeadlineDocument; daysLate: number }> {
    return this.answer(person, number, text, 'correction');
  }

  private async answer(person: Person, number: string, text: string, what: 'reply' | 'correction') {
    const word = what === 'reply' ? '回复' : '整改完成';
    const summary = text.trim();
    if (!summary) throw new Refusal(`请附上${word}摘要，例如「${word} ${number} 已于3月10日书面回复」。`);
    const doc = await this.view(person, number);
    if (person.agency !== doc.recipient && !isIssuerSide(this.deps.org, doc, person)) {
      throw new Refusal(`只有接收单位或签发单位可以登记${word}。发送「文书 ${doc.number}」查看。`);
    }
    if (doc.status === 'closed') throw new Refusal(`${doc.number} 已办结，无需再登记。发送「文书 ${doc.number}」查看。`);
    if (what === 'reply' && doc.reply) throw new Refusal(`${doc.number} 已登记过回复。整改完成后请发送「整改完成 ${doc.number} <说明>」。`);
    const daysLate = texts.lateness(doc.dueDate, this.today());
    const outcome = { at: this.deps.clock.now(), by: actorOf(person), text: summary.slice(0, 500), late: daysLate > 0 };
    const closes = what === 'correction' || closesOnReply(doc.kind);
    const update = { [what]: outcome, ...(closes ? { status: 'closed', nextRemindAt: null, nextStepOffset: null } : {}) };
    const updated = await DeadlineDocumentModel.findOneAndUpdate(
      { number: doc.number, status: 'open', [`${what}.at`]: { $exists: false } },
      { $set: update },
      { returnDocument: 'after' },
    ).lean<DeadlineDocument>();
    if (!updated) throw new Refusal(`${doc.number} 刚刚已被他人登记。发送「文书 ${doc.number}」查看。`);
    const names = this.names(doc);
    const message = texts.answeredNotice(updated, names, word, `${this.deps.org.name(person.agency)} ${person.name}`, daysLate);
    const otherSide = person.agency === doc.recipient ? doc.issuer : doc.recipient;
    const roles = otherSide === doc.recipient ? [] : this.deps.org.audience('issuerNotices');
    await this.deps.notifier.toAgency(otherSide, roles, `${what}:${doc.number}`, message);
    return { doc: updated, daysLate };
  }

  /** An issuer's own deadline for an open item; reminders are planned anew. */
  async changeDue(person: Person, number: string, dueText: string): Promise<DeadlineDocument> {
    const doc = await this.view(person, number);
    if (!isIssuerSide(this.deps.org, doc, person)) throw new Refusal(`只有签发单位可以调整期限。如需延期，请联系${this.names(doc).issuer}。`);
    if (doc.status === 'closed') throw new Refusal(`${doc.number} 已办结，不能调整期限。`);
    const dueDate = dateInput(dueText, '期限');
    if (dueDate <= doc.startDate) throw new Refusal(`期限 ${dueDate} 必须晚于起算日期 ${doc.startDate}。`);
    const updated = await this.reschedule(doc, { dueDate, provisional: false, customDue: true });
    if (!updated) throw new Refusal(`${doc.number} 刚刚已有变更，请重试。`);
    await this.deps.notifier.toAgency(
      doc.recipient,
      [],
      `due-changed:${doc.number}:${dueDate}`,
      `【期限调整】${this.names(doc).kind} ${doc.number} 的期限已由签发单位调整为 ${dueDate}。${texts.nextAction(updated)}`,
    );
    return updated;
  }

  /** 移送进展: the next 令310 step of a transfer starts on a date; its deadline and reminders start anew. */
  async advanceTransfer(person: Person, number: string, stepText: string, dateText: string): Promise<DeadlineDocument> {
    const doc = await this.view(person, number);
    if (doc.kind !== 'transfer') throw new Refusal(`${doc.number} 不是移送案件，「移送进展」只用于移送案件。`);
    if (!isIssuerSide(this.deps.org, doc, person) && person.agency !== doc.recipient) throw new Refusal('只有移送单位或公安机关可以登记移送进展。');
    const steps = this.deps.deadlines.documents.transfer.steps;
    const matching = steps.filter((s) => s.key === stepText || s.name.includes(stepText));
    const step = matching.length === 1 ? matching[0]! : steps.find((s) => s.name === stepText);
    if (!step) throw new Refusal(`请指明步骤，可用：${steps.map((s) => s.name).join('、')}。`);
    const startDate = dateInput(dateText, '起算日期');
    if (startDate > this.today()) throw new Refusal(`起算日期 ${startDate} 晚于今天，请填写该步骤实际开始的日期。`);
    const { due, provisional } = computeDeadline(startDate, step.period, this.deps.calendar);
    const next = firstReminderStep(due, this.deps.clock.now(), this.deps.reminders.deadlines);
    const updated = await DeadlineDocumentModel.findOneAndUpdate(
      { number: doc.number, startDate: doc.startDate, dueDate: doc.dueDate },
      {
        $set: {
          transferStep: step.key,
          startDate,
          period: step.period,
          dueDate: due,
          provisional,
          customDue: false,
          status: 'open',
          nextRemindAt: next.at,
          nextStepOffset: next.offset,
        },
        $unset: { reply: 1, correction: 1, escalatedAt: 1 },
      },
      { returnDocument: 'after' },
    ).lean<DeadlineDocument>();
    if (!updated) throw new Refusal(`${doc.number} 刚刚已有变更，请重试。`);
    const otherSide = person.agency === doc.recipient ? doc.issuer : doc.recipient;
    await this.deps.notifier.toAgency(
      otherSide,
      [],
      `transfer-step:${doc.number}:${step.key}:${startDate}`,
      `【移送进展】${doc.number}（${doc.reference}）进入「${step.name}」，期限 ${due}。${texts.nextAction(updated)}${texts.provisionalNote(updated)}`,
    );
    return updated;
  }

  transferStepName(doc: DeadlineDocument): string | undefined {
    return this.deps.deadlines.documents.transfer.steps.find((s) => s.key === doc.transferStep)?.name;
  }

  private async reschedule(doc: DeadlineDocument, change: Pick<DeadlineDocument, 'dueDate' | 'provisional' | 'customDue'>) {
    const step = firstReminderStep(parseLocalDate(change.dueDate), this.deps.clock.now(), this.deps.reminders.deadlines);
    return DeadlineDocumentModel.findOneAndUpdate(
      { number: doc.number, status: 'open', dueDate: doc.dueDate, nextStepOffset: doc.nextStepOffset },
      { $set: { ...change, nextRemindAt: step.at, nextStepOffset: step.offset } },
      { returnDocument: 'after' },
    ).lean<DeadlineDocument>();
  }

  /**
   * Recomputes open provisional deadlines with the current calendar (after an admin
   * added a year to the holiday table). Cost grows with provisional items only.
   */
  async recomputeProvisional(): Promise<number> {
    const docs = await DeadlineDocumentModel.find({ status: 'open', provisional: true }).lean<DeadlineDocument[]>();
    let changed = 0;
    for (const doc of docs) {
      if (doc.customDue || !doc.period) continue;
      const { due, provisional } = computeDeadline(parseLocalDate(doc.startDate), doc.period, this.deps.calendar);
      if (provisional) continue;
      const updated = await this.reschedule(doc, { dueDate: due, provisional, customDue: false });
      if (!updated) continue;
      changed++;
      const message = texts.recomputedNotice(updated, this.names(doc), doc.dueDate);
      const key = `recomputed:${doc.number}:${due}`;
      await this.deps.notifier.toPeople(await reminderRecipients(this.deps.roster, this.deps.org, doc), key, message);
    }
    return changed;
  }

  /** Sends the reminder steps due at `at`; see DocumentReminderRunner. */
  remindDue(at: Date): Promise<number> {
    return this.runner.remindDue(at);
  }
}
