import type { AccountabilityConfig } from '../../config/accountability';
import type { ClueRoute } from '../../config/routing';
import type { Clock } from '../../kernel/clock';
import type { Person } from '../../kernel/people';
import { yearOf, type LocalDate } from '../../kernel/time/local-date';
import { localDateOf } from '../../kernel/time/local-time';
import type { Period } from '../../kernel/time/period';
import type { AccountabilityCase, AccountabilityStore, CaseOrigin } from '../../store/accountability';
import type { ClueStore } from '../../store/clues';
import type { DocumentStore } from '../../store/documents';
import type { InspectionStore } from '../../store/inspections';
import type { SequenceStore } from '../../store/sequences';
import type { ClueService } from '../clues/clue-service';
import { computeDeadline } from '../deadlines/count';
import type { WorkingCalendar } from '../deadlines/calendar';
import { StoreReminders } from '../deadlines/reminder-runner';
import { type DeadlineReminderRules, firstReminderStep } from '../deadlines/reminder-steps';
import { Refusal } from '../errors';
import { actorOf } from '../inspections/inspection-service';
import type { Notifier } from '../notifier';
import { formatNumber } from '../numbering';
import type { Organization } from '../organization';
import type { RosterService } from '../roster/roster-service';
import * as texts from './texts';

export interface AccountabilityDeps {
  store: AccountabilityStore;
  sequences: SequenceStore;
  config: AccountabilityConfig;
  reminders: DeadlineReminderRules;
  lateAfterMinutes: number;
  calendar: WorkingCalendar;
  org: Organization;
  roster: Pick<RosterService, 'members'>;
  notifier: Notifier;
  clock: Clock;
  /** Where a case's origin is looked up. */
  documents: DocumentStore;
  inspections: InspectionStore;
  clueStore: ClueStore;
  /** The jw hand-over goes through the clue submission path. */
  clues: ClueService;
}

export interface CaseDraft {
  unit: string;
  officer: string;
  origin: CaseOrigin;
  facts: string;
}

const NOT_FOUND = (number: string) => `找不到您可查看的追责案件 ${number}。发送「追责」查看在办案件。`;

/**
 * 过错责任追究: filing (ZR-…), the investigation deadline and its extension, the decision with its
 * measures, the officer's objection window, closing, and the hand-over to jw as a clue. The
 * officer's name is shown only to the justice bureau's handlers and the unit's leaders.
 */
export class AccountabilityService {
  /** Reminders of the investigation's and the objection window's deadlines, to the justice bureau. */
  readonly reminders: StoreReminders<AccountabilityCase>;

  constructor(private readonly deps: AccountabilityDeps) {
    const { store, roster, org } = deps;
    this.reminders = new StoreReminders<AccountabilityCase>(
      {
        name: 'accountability',
        due: (until, limit) => store.dueForReminder(until, limit),
        advance: (item, next, escalatedAt) => store.advanceReminder(item, next, escalatedAt),
        find: (number) => store.find(number),
        rules: deps.reminders,
        audience: async () => ({ reminded: await roster.members(org.part('justice'), org.audience('accountabilityDeadlines')), escalated: [] }),
        text: (record, _what, moment) => texts.reminderText(record, moment, this.nameOf),
      },
      deps,
    );
  }

  readonly nameOf = (code: string): string => this.deps.org.name(code);

  get config(): AccountabilityConfig {
    return this.deps.config;
  }

  private today(): LocalDate {
    return localDateOf(this.deps.clock.now());
  }

  /** The justice bureau's handlers file, decide and close cases. */
  mayHandle(person: Person): boolean {
    return person.agency === this.deps.org.part('justice') && this.deps.org.may(person, 'handleAccountability');
  }

  assertMayHandle(person: Person): void {
    if (!this.mayHandle(person)) throw new Refusal(`过错责任追究由${this.nameOf(this.deps.org.part('justice'))}办理。`);
  }

  private mayView(person: Person, record: AccountabilityCase): boolean {
    return this.mayHandle(person) || (person.agency === record.unit && this.deps.org.may(person, 'viewUnitAccountability'));
  }

  /** Personal information: the handlers and the unit's own leaders. */
  showsName(person: Person, record: AccountabilityCase): boolean {
    return this.mayHandle(person) || (person.agency === record.unit && this.deps.org.may(person, 'viewOfficerNames'));
  }

  /** 直接 / a non-complied 监督通知书 (TZ-…) / a rectification item (ZG-…) / a concluded clue (XS-…). */
  async resolveOrigin(text: string): Promise<CaseOrigin> {
    const word = text.trim().toUpperCase();
    if (['直接', '无', '直接立案'].includes(word)) return { kind: 'direct' };
    const { documents, inspections, clueStore } = this.deps;
    if (/^TZ-\d{4}-\d{4}$/.test(word)) {
      const doc = await documents.find(word);
      if (doc?.kind !== 'notice') throw new Refusal(`找不到行政执法监督通知书 ${word}。`);
      if (doc.correction || doc.dueDate >= this.today()) throw new Refusal(`${word} 未逾期未整改（期限 ${doc.dueDate}），不能据此追责。`);
      return { kind: 'notice', number: word };
    }
    if (/^ZG-\d{4}-\d{4}$/.test(word)) {
      if (!(await inspections.findItem(word))) throw new Refusal(`找不到整改事项 ${word}。`);
      return { kind: 'inspection', number: word };
    }
    if (/^XS-\d{4}-\d{4,}$/.test(word)) {
      const clue = await clueStore.find(word);
      if (clue?.status !== 'concluded') throw new Refusal(`线索 ${word} 不存在或尚未办结。`);
      return { kind: 'clue', number: word };
    }
    throw new Refusal('来源请填写「直接」，或监督通知书编号（TZ-…）、整改事项编号（ZG-…）、已办结线索编号（XS-…）。');
  }

  /** The unit of a non-complied notice or rectification item, to check the case is against it. */
  private async originUnit(origin: CaseOrigin): Promise<string | undefined> {
    if (origin.kind === 'notice') return (await this.deps.documents.find(origin.number!))?.recipient;
    if (origin.kind === 'inspection') return (await this.deps.inspections.findItem(origin.number!))?.owner;
    return undefined;
  }

  private due(start: LocalDate, period: Period): LocalDate {
    return computeDeadline(start, period, this.deps.calendar).due;
  }

  private schedule(dueDate: LocalDate): Pick<AccountabilityCase, 'dueDate' | 'nextRemindAt' | 'nextStepOffset'> {
    const step = firstReminderStep(dueDate, this.deps.clock.now(), this.deps.reminders, this.deps.calendar);
    return { dueDate, nextRemindAt: step.at, nextStepOffset: step.offset };
  }

  async file(person: Person, draft: CaseDraft): Promise<AccountabilityCase> {
    this.assertMayHandle(person);
    const originUnit = await this.originUnit(draft.origin);
    if (originUnit && originUnit !== draft.unit) {
      throw new Refusal(`${draft.origin.number} 的单位是${this.nameOf(originUnit)}，不是${this.nameOf(draft.unit)}。`);
    }
    const now = this.deps.clock.now();
    const filedOn = this.today();
    const year = yearOf(filedOn);
    const { numberPrefix, investigation } = this.deps.config;
    const number = formatNumber(numberPrefix, year, await this.deps.sequences.next(`${numberPrefix}-${year}`, now));
    const investigationDue = this.due(filedOn, investigation);
    const record: AccountabilityCase = {
      number,
      unit: draft.unit,
      ...(draft.officer ? { officer: draft.officer } : {}),
      facts: draft.facts,
      origin: draft.origin,
      status: 'investigating',
      filedOn,
      investigationDue,
      extensions: [],
      ...this.schedule(investigationDue),
      createdBy: actorOf(person),
      createdAt: now,
      version: 0,
    };
    await this.deps.store.insert(record);
    await this.deps.notifier.toAgency(
      record.unit,
      this.deps.org.audience('accountabilityNotices'),
      `accountability:${number}:filed`,
      `【过错责任追究】${this.nameOf(this.deps.org.part('justice'))}已立案追责 ${number}（${this.nameOf(record.unit)}），调查期限 ${investigationDue}。领导可发送「追责 ${number}」查看。`,
    );
    return record;
  }

  async view(person: Person, number: string): Promise<{ record: AccountabilityCase; showName: boolean }> {
    const record = await this.deps.store.find(number.toUpperCase());
    if (!record || !this.mayView(person, record)) throw new Refusal(NOT_FOUND(number));
    return { record, showName: this.showsName(person, record) };
  }

  /** Open cases the person may see. */
  async openCases(person: Person): Promise<AccountabilityCase[]> {
    return (await this.deps.store.open(200)).filter((record) => this.mayView(person, record));
  }

  private async handled(person: Person, number: string): Promise<AccountabilityCase> {
    this.assertMayHandle(person);
    const record = await this.deps.store.find(number.toUpperCase());
    if (!record) throw new Refusal(NOT_FOUND(number));
    return record;
  }

  private async change(record: AccountabilityCase, set: Partial<AccountabilityCase>): Promise<AccountabilityCase> {
    const changed = await this.deps.store.applyChange(record.number, record.version, set, this.deps.clock.now());
    if (!changed) throw new Refusal(`${record.number} 刚刚已被他人更新，请发送「追责 ${record.number}」查看后重试。`);
    return changed;
  }

  async extend(person: Person, number: string, reason: string): Promise<AccountabilityCase> {
    const record = await this.handled(person, number);
    if (record.status !== 'investigating') throw new Refusal(`${record.number} 已作出决定，不能再延长调查期限。`);
    if (!reason.trim()) throw new Refusal(`请写明延长理由，例如「延长调查 ${record.number} 需调取执法记录仪视频」。`);
    const { extension, maxExtensions } = this.deps.config;
    if (record.extensions.length >= maxExtensions)
      throw new Refusal(`${record.number} 已延长${record.extensions.length}次，不能再延长（最多${maxExtensions}次）。`);
    const newDue = this.due(record.investigationDue as LocalDate, extension);
    const entry = { previousDue: record.investigationDue, newDue, reason: reason.trim().slice(0, 300), by: actorOf(person), at: this.deps.clock.now() };
    return this.change(record, { investigationDue: newDue, extensions: [...record.extensions, entry], ...this.schedule(newDue) });
  }

  /** Reads measures such as 「通报批评 书面检查」 or 「通报批评、书面检查」 against the configured list. */
  parseMeasures(text: string): string[] {
    const words = text.split(/[\s、，,+＋和及]+/).filter(Boolean);
    const known = this.deps.config.measures.map((m) => m.name);
    const unknown = words.filter((w) => !known.includes(w));
    if (!words.length || unknown.length) {
      throw new Refusal(`${unknown.length ? `看不懂措施「${unknown.join('、')}」。` : ''}措施可选（可并用）：${known.join('、')}。`);
    }
    return known.filter((m) => words.includes(m));
  }

  async decide(person: Person, number: string, measures: string[], note: string): Promise<AccountabilityCase> {
    const record = await this.handled(person, number);
    if (record.status !== 'investigating') throw new Refusal(`${record.number} 已于 ${record.decision?.decidedOn} 作出决定。`);
    const decidedOn = this.today();
    const serious = this.deps.config.measures.some((m) => m.tier === 'serious' && measures.includes(m.name));
    const objectionDue = this.due(decidedOn, this.deps.config.objection);
    const decided = await this.change(record, {
      status: 'decided',
      decision: { measures, tier: serious ? 'serious' : 'minor', note: note.trim().slice(0, 300), decidedOn, by: actorOf(person) },
      objectionDue,
      ...this.schedule(objectionDue),
    });
    await this.deps.notifier.toAgency(
      record.unit,
      this.deps.org.audience('accountabilityNotices'),
      `accountability:${number}:decided`,
      `【过错责任追究】${record.number}（${this.nameOf(record.unit)}）已作出决定：${measures.join('、')}。责任人可于 ${objectionDue} 前提出异议。`,
    );
    return decided;
  }

  /** The officer's objection within the window, recorded by the handlers; its reminders stop. */
  async object(person: Person, number: string, text: string): Promise<AccountabilityCase> {
    const record = await this.handled(person, number);
    if (record.status !== 'decided') throw new Refusal(`${record.number} 尚未作出决定或已结案，不能登记异议。`);
    if (record.objection) throw new Refusal(`${record.number} 已登记异议。`);
    if (this.today() > record.objectionDue!) throw new Refusal(`${record.number} 的异议期已于 ${record.objectionDue} 届满。`);
    if (!text.trim()) throw new Refusal(`请附上异议内容，例如「追责异议 ${record.number} 认为事实认定有误」。`);
    return this.change(record, {
      objection: { text: text.trim().slice(0, 500), by: actorOf(person), at: this.deps.clock.now() },
      nextRemindAt: null,
      nextStepOffset: null,
    });
  }

  /** Closes a decided case once its objection window has passed or an objection was handled. */
  async close(person: Person, number: string, note: string): Promise<AccountabilityCase> {
    const record = await this.handled(person, number);
    if (record.status === 'closed') throw new Refusal(`${record.number} 已于 ${record.closedOn} 结案。`);
    if (record.status !== 'decided') throw new Refusal(`${record.number} 尚未作出决定。请先发送「追责决定 ${record.number} <措施>」。`);
    const today = this.today();
    if (!record.objection && today <= record.objectionDue!) throw new Refusal(`${record.number} 的异议期至 ${record.objectionDue}，届满后才能结案。`);
    return this.change(record, { status: 'closed', closedOn: today, closingNote: note.trim().slice(0, 300), nextRemindAt: null, nextStepOffset: null });
  }

  /**
   * 移送纪委: the case becomes a jw clue through the clue submission path (numbered, routed,
   * sealed and announced as any clue; one per case), and the two records name each other.
   */
  async handOver(person: Person, number: string, reason: string, channel: string): Promise<{ record: AccountabilityCase; clueNumber: string }> {
    const record = await this.handled(person, number);
    if (record.clueNumber) throw new Refusal(`${record.number} 已移送纪委监委，线索 ${record.clueNumber}。`);
    const discipline = this.deps.org.part('discipline') as ClueRoute;
    const subject = `追责案件 ${record.number}：${this.nameOf(record.unit)}${record.officer ? ` ${record.officer}` : ''}`;
    const facts = [record.facts, reason.trim() && `移送理由：${reason.trim()}`, `（由过错责任追究案件 ${record.number} 移送）`].filter(Boolean).join('\n');
    const clue = await this.deps.clues.submit(
      person,
      {
        id: `accountability-${record.number}`,
        facts,
        subject,
        attachments: [],
        anonymous: false,
        route: discipline,
        category: this.deps.config.handOverCategory,
      },
      channel,
    );
    const changed = await this.change(record, { clueNumber: clue.number });
    return { record: changed, clueNumber: clue.number };
  }

  /** Cases filed in a period, for the annual indicators. */
  filedBetween(from: string, to: string): Promise<AccountabilityCase[]> {
    return this.deps.store.filedBetween(from, to);
  }

  /** Sends every reminder due at `at` (the investigation or objection deadline) and moves each case on. */
  async remindDue(at: Date): Promise<number> {
    return this.reminders.run(at);
  }
}
