import type { Clock } from '../../kernel/clock';
import type { Person } from '../../kernel/people';
import { parseLocalDate, yearOf, type LocalDate } from '../../kernel/time/local-date';
import { localDateOf } from '../../kernel/time/local-time';
import type { Actor } from '../../store/documents';
import type { InspectionStore, JointInspection, RectificationItem, SelfInspection } from '../../store/inspections';
import type { SequenceStore } from '../../store/sequences';
import { eventDate } from '../deadlines/event-date';
import { StoreReminders } from '../deadlines/reminder-runner';
import type { WorkingCalendar } from '../deadlines/calendar';
import { firstReminderStep } from '../deadlines/reminder-steps';
import { escalatedPeople, type Members, remindedPeople } from '../documents/audience';
import type { DocumentKind, DocumentKinds } from '../documents/kinds';
import { Refusal } from '../errors';
import { readPage, type Paged } from '../paging';
import type { Notifier } from '../notifier';
import { formatNumber } from '../numbering';
import type { Organization } from '../organization';
import type { InspectionArgs, ProblemArgs, SelfInspectionArgs } from './command-args';
import { checkDueDate, checkInspectionDate, checkProblemText, dateArg, enforcementUnit, mayRegisterInspection, mayReportSelfInspection } from './rules';
import * as texts from './texts';

export interface InspectionDeps {
  inspections: InspectionStore;
  sequences: SequenceStore;
  kinds: DocumentKinds;
  org: Organization;
  /** A reminder sent this many minutes after its time is marked late (config/reminders.yaml). */
  lateAfterMinutes: number;
  calendar: WorkingCalendar;
  roster: Members;
  notifier: Notifier;
  clock: Clock;
}

/** A new rectification item as written by chat or by the import. */
export interface NewItem {
  ref?: string;
  inspection: Pick<JointInspection, 'number' | 'date'>;
  issuer: string;
  owner: string;
  text: string;
  dueDate: LocalDate;
  /** Set for an imported item that was already rectified. */
  doneDate?: LocalDate;
}

export function actorOf(person: Person): Actor {
  return { channel: person.channel, userId: person.userId, name: person.name, agency: person.agency };
}

/**
 * 联合巡查, the rectification items they produce (the document kind created from inspections in
 * config/deadlines.yaml: its number prefix, reminders and escalation), and units' self-inspections.
 */
export class InspectionService {
  /** One current reminder per person; whoever the escalation reaches gets that instead. */
  readonly reminders: StoreReminders<RectificationItem>;

  constructor(private readonly deps: InspectionDeps) {
    const { inspections, roster, org } = deps;
    this.reminders = new StoreReminders<RectificationItem>(
      {
        name: 'rectification',
        due: (until, limit) => inspections.itemsDueForReminder(until, limit),
        advance: (item, next, escalatedAt) => inspections.advanceItemReminder(item, next, escalatedAt),
        find: (number) => inspections.findItem(number),
        rules: this.itemKind.reminders,
        audience: async (item, escalate) => {
          const escalated = escalate ? await escalatedPeople(roster, org, item.issuer) : [];
          const reached = new Set(escalated.map((p) => `${p.channel}:${p.userId}`));
          const reminded = (await remindedPeople(roster, org, { issuer: item.issuer, recipient: item.owner })).filter(
            (p) => !reached.has(`${p.channel}:${p.userId}`),
          );
          return { reminded, escalated };
        },
        text: (item, what, { state, today }) =>
          what === 'remind'
            ? texts.reminderText(item, this.itemKind, this.nameOf, state, today)
            : texts.escalationText(item, this.itemKind, this.nameOf, state),
      },
      deps,
    );
  }

  readonly nameOf = (code: string): string => this.deps.org.name(code);

  /** The kind of the rectification items. */
  private get itemKind(): DocumentKind {
    return this.deps.kinds.from('inspection');
  }

  today(): LocalDate {
    return localDateOf(this.deps.clock.now());
  }

  async register(person: Person, args: InspectionArgs): Promise<JointInspection> {
    if (!mayRegisterInspection(this.deps.org, person)) {
      throw new Refusal('联合巡查由纪委监委、检察院、司法局登记。如需登记，请联系本单位联络员。');
    }
    const date = dateArg(args.date, '巡查日期');
    checkInspectionDate(date, this.today());
    const units = [...new Set(args.units.map((unit) => enforcementUnit(this.deps.org, unit)))];
    return this.saveInspection({ date, units, filesSampled: args.filesSampled, note: '', source: 'chat', createdBy: actorOf(person) });
  }

  /** Writes an inspection already checked; its ref is the number unless given (import). */
  async saveInspection(input: Pick<JointInspection, 'date' | 'units' | 'filesSampled' | 'note' | 'source' | 'createdBy'> & { ref?: string }) {
    const year = yearOf(parseLocalDate(input.date));
    const number = formatNumber('XC', year, await this.deps.sequences.next(`XC-${year}`, this.deps.clock.now()));
    const inspection: JointInspection = {
      ...input,
      number,
      ref: input.ref ?? number,
      month: input.date.slice(0, 7),
      createdAt: this.deps.clock.now(),
    };
    await this.deps.inspections.insertInspection(inspection);
    return inspection;
  }

  async addProblem(person: Person, args: ProblemArgs): Promise<RectificationItem> {
    const inspection = await this.deps.inspections.findInspection(args.inspectionNumber);
    if (!inspection) throw new Refusal(`找不到联合巡查 ${args.inspectionNumber}。请发送「巡查」查看巡查编号。`);
    if (!this.deps.kinds.mayRegister(this.itemKind, person)) {
      throw new Refusal('巡查发现的问题由纪委监委、检察院、司法局登记。如需登记，请联系本单位联络员。');
    }
    const owner = enforcementUnit(this.deps.org, args.owner);
    if (!inspection.units.includes(owner)) {
      throw new Refusal(`${this.nameOf(owner)}不在 ${inspection.number} 的督查单位中（${inspection.units.map(this.nameOf).join('、')}）。`);
    }
    const dueDate = dateArg(args.dueDate, '整改期限');
    checkDueDate(dueDate, parseLocalDate(inspection.date));
    if (dueDate < this.today()) throw new Refusal(`整改期限 ${dueDate} 已过，请填写今天或以后的日期。`);
    const item = await this.saveItem({ inspection, issuer: person.agency, owner, text: checkProblemText(args.text), dueDate }, actorOf(person));
    await this.deps.notifier.toAgency(owner, [], `rectification:${item.number}`, texts.itemRegisteredNotice(item, this.nameOf));
    return item;
  }

  /** Writes an item already checked; an open one is scheduled for reminders. */
  async saveItem(input: NewItem, createdBy: Actor): Promise<RectificationItem> {
    const kind = this.itemKind;
    const now = this.deps.clock.now();
    const year = yearOf(this.today());
    // The kind created from inspections has a number prefix (config validation).
    const prefix = kind.numberPrefix!;
    const number = formatNumber(prefix, year, await this.deps.sequences.next(`${prefix}-${year}`, now));
    const step = input.doneDate ? null : firstReminderStep(input.dueDate, now, kind.reminders, this.deps.calendar);
    const item: RectificationItem = {
      number,
      ref: input.ref ?? number,
      inspectionNumber: input.inspection.number,
      inspectionDate: input.inspection.date,
      issuer: input.issuer,
      owner: input.owner,
      text: input.text,
      dueDate: input.dueDate,
      dueMonth: input.dueDate.slice(0, 7),
      status: input.doneDate ? 'done' : 'open',
      ...(input.doneDate
        ? { doneDate: input.doneDate, doneMonth: input.doneDate.slice(0, 7), doneLate: input.doneDate > input.dueDate, doneNote: '批量导入时已整改' }
        : {}),
      nextRemindAt: step?.at ?? null,
      nextStepOffset: step?.offset ?? null,
      createdBy,
      createdAt: now,
    };
    await this.deps.inspections.insertItem(item);
    return item;
  }

  /** 整改销号: closes an open item; reminders stop. The owner unit closes its own; its issuing side may record it. */
  /** `date`: the day the correction was completed when recorded later (default today); lateness counts from it. */
  async close(person: Person, number: string, note: string, date?: string): Promise<RectificationItem> {
    const { inspections, kinds } = this.deps;
    const summary = note.trim();
    const item = await inspections.findItem(number.toUpperCase());
    const mayClose = item && (person.agency === item.owner || kinds.isIssuerSide(this.itemKind.key, item.issuer, person));
    if (!item || !mayClose) throw new Refusal(`找不到您可销号的整改事项 ${number}。请检查编号，或发送「逾期」查看。`);
    if (!summary) throw new Refusal(`请附上整改情况，例如「整改销号 ${item.number} 已追缴罚款并结案」。`);
    if (item.status === 'done') throw new Refusal(`${item.number} 已于 ${item.doneDate} 销号，无需再登记。`);
    const done = eventDate(date, { today: this.today(), notBefore: parseLocalDate(item.inspectionDate), what: '整改完成' });
    const closed = await inspections.closeItem(
      item.number,
      { doneDate: done, doneMonth: done.slice(0, 7), doneLate: done > item.dueDate, doneNote: summary.slice(0, 500), doneBy: actorOf(person) },
      this.deps.clock.now(),
    );
    if (!closed) throw new Refusal(`${item.number} 刚刚已被他人销号。发送「巡查 ${item.inspectionNumber}」查看。`);
    const by = `${this.nameOf(person.agency)} ${person.name}`;
    const otherSide = person.agency === item.owner ? item.issuer : item.owner;
    const roles = otherSide === item.owner ? [] : this.deps.org.audience('issuerNotices');
    await this.deps.notifier.toAgency(otherSide, roles, `rectified:${item.number}`, texts.closedNotice(closed, this.itemKind, this.nameOf, by));
    return closed;
  }

  async reportSelfInspection(person: Person, args: SelfInspectionArgs): Promise<SelfInspection> {
    const unit = enforcementUnit(this.deps.org, args.unit);
    if (!mayReportSelfInspection(this.deps.org, unit, person)) {
      throw new Refusal(`只有${this.nameOf(unit)}或${this.nameOf(this.deps.org.part('justice'))}可以登记该单位的自查情况。`);
    }
    return this.saveSelfInspection({ unit, month: this.today().slice(0, 7), casesChecked: args.casesChecked, unexecuted: args.unexecuted }, actorOf(person));
  }

  /** One report per unit and month: a later one for the same month replaces it. */
  async saveSelfInspection(input: Pick<SelfInspection, 'unit' | 'month' | 'casesChecked' | 'unexecuted'>, reportedBy: Actor) {
    const report: SelfInspection = { ...input, reportedBy, reportedAt: this.deps.clock.now() };
    await this.deps.inspections.saveSelfInspection(report);
    return report;
  }

  /** A page of the joint inspections, latest first. */
  async recent(page = 1): Promise<Paged<JointInspection>> {
    return readPage(page, (skip, limit) => this.deps.inspections.recentInspections(skip, limit));
  }

  async view(number: string): Promise<{ inspection: JointInspection; items: RectificationItem[] }> {
    const inspection = await this.deps.inspections.findInspection(number.toUpperCase());
    if (!inspection) throw new Refusal(`找不到联合巡查 ${number}。发送「巡查」查看最近的巡查。`);
    return { inspection, items: await this.deps.inspections.itemsOf(inspection.number) };
  }

  /** Problems found per inspection, for lists. */
  problemCounts(numbers: string[]): Promise<Map<string, number>> {
    return this.deps.inspections.problemCounts(numbers);
  }

  /** Sends every rectification reminder due at `at` and moves each item on (src/domain/deadlines/reminder-runner.ts). */
  remindDue(at: Date): Promise<number> {
    return this.reminders.run(at);
  }
}
