import type { MediationConfig } from '../../config/mediation';
import type { Clock } from '../../kernel/clock';
import type { Person } from '../../kernel/people';
import { yearOf, type LocalDate } from '../../kernel/time/local-date';
import { localDateOf } from '../../kernel/time/local-time';
import type { MediationCase, MediationStore } from '../../store/mediation';
import type { SequenceStore } from '../../store/sequences';
import type { WorkingCalendar } from '../deadlines/calendar';
import { computeDeadline } from '../deadlines/count';
import { StoreReminders } from '../deadlines/reminder-runner';
import { type DeadlineReminderRules, firstReminderStep } from '../deadlines/reminder-steps';
import { Refusal } from '../errors';
import { actorOf } from '../inspections/inspection-service';
import { enforcementUnit } from '../inspections/rules';
import type { Notifier } from '../notifier';
import { formatNumber } from '../numbering';
import type { Organization } from '../organization';
import type { RosterService } from '../roster/roster-service';

export interface MediationDeps {
  store: MediationStore;
  sequences: SequenceStore;
  config: MediationConfig;
  reminders: DeadlineReminderRules;
  lateAfterMinutes: number;
  calendar: WorkingCalendar;
  org: Organization;
  roster: Pick<RosterService, 'members'>;
  notifier: Notifier;
  clock: Clock;
}

/** 行政争议调解: cases registered by the mediation centre (the justice bureau), reminded over their handling period, closed with an outcome. */
export class MediationService {
  /** Reminders of each case's handling deadline, to the mediation centre. */
  readonly reminders: StoreReminders<MediationCase>;

  constructor(private readonly deps: MediationDeps) {
    const { store, roster, org } = deps;
    this.reminders = new StoreReminders<MediationCase>(
      {
        name: 'mediation',
        due: (until, limit) => store.dueForReminder(until, limit),
        advance: (item, next, escalatedAt) => store.advanceReminder(item, next, escalatedAt),
        find: (number) => store.find(number),
        rules: deps.reminders,
        audience: async () => ({ reminded: await roster.members(org.part('justice'), org.audience('mediationDeadlines')), escalated: [] }),
        text: (record, _what, moment) =>
          `【调解提醒】${record.number}（${this.nameOf(record.unit)}，${record.stage}）办理期限${moment.state}。办结后请发送「调解结果 ${record.number} <${deps.config.outcomes.join('|')}>」。`,
      },
      deps,
    );
  }

  readonly nameOf = (code: string): string => this.deps.org.name(code);

  get config(): MediationConfig {
    return this.deps.config;
  }

  private today(): LocalDate {
    return localDateOf(this.deps.clock.now());
  }

  private assertCentre(person: Person): void {
    if (person.agency !== this.deps.org.part('justice') || !this.deps.org.may(person, 'registerMediation')) {
      throw new Refusal(`行政争议调解案件由${this.nameOf(this.deps.org.part('justice'))}（调解中心）登记。`);
    }
  }

  async register(person: Person, unitText: string, stageText: string, subject: string): Promise<MediationCase> {
    this.assertCentre(person);
    const unit = enforcementUnit(this.deps.org, unitText);
    const { stages, handling, numberPrefix } = this.deps.config;
    if (!stages.includes(stageText)) throw new Refusal(`阶段「${stageText}」须为以下之一：${stages.join('、')}。`);
    const text = subject.trim();
    if (!text || text.length > 300) throw new Refusal('请填写争议事项（不超过300字）。');
    const now = this.deps.clock.now();
    const registeredOn = this.today();
    const year = yearOf(registeredOn);
    const number = formatNumber(numberPrefix, year, await this.deps.sequences.next(`${numberPrefix}-${year}`, now));
    const dueDate = computeDeadline(registeredOn, handling, this.deps.calendar).due;
    const step = firstReminderStep(dueDate, now, this.deps.reminders, this.deps.calendar);
    const record: MediationCase = {
      number,
      unit,
      subject: text,
      stage: stageText,
      registeredOn,
      dueDate,
      status: 'open',
      nextRemindAt: step.at,
      nextStepOffset: step.offset,
      createdBy: actorOf(person),
      createdAt: now,
    };
    await this.deps.store.insert(record);
    return record;
  }

  async close(person: Person, number: string, outcome: string, note: string): Promise<MediationCase> {
    this.assertCentre(person);
    const record = await this.deps.store.find(number.toUpperCase());
    if (!record) throw new Refusal(`找不到调解案件 ${number}。发送「调解」查看在办案件。`);
    if (record.status === 'closed') throw new Refusal(`${record.number} 已于 ${record.closedOn} 办结（${record.outcome}）。`);
    if (!this.deps.config.outcomes.includes(outcome)) throw new Refusal(`结果「${outcome}」须为以下之一：${this.deps.config.outcomes.join('、')}。`);
    const closed = await this.deps.store.close(record.number, { outcome, closedOn: this.today(), note: note.trim().slice(0, 300) }, this.deps.clock.now());
    if (!closed) throw new Refusal(`${record.number} 刚刚已被他人办结。`);
    return closed;
  }

  async view(person: Person, number: string): Promise<MediationCase> {
    this.assertCentre(person);
    const record = await this.deps.store.find(number.toUpperCase());
    if (!record) throw new Refusal(`找不到调解案件 ${number}。`);
    return record;
  }

  async openCases(person: Person): Promise<MediationCase[]> {
    this.assertCentre(person);
    return this.deps.store.open(100);
  }

  registeredBetween(from: string, to: string): Promise<MediationCase[]> {
    return this.deps.store.registeredBetween(from, to);
  }

  async remindDue(at: Date): Promise<number> {
    return this.reminders.run(at);
  }
}

export function mediationLine(record: MediationCase, nameOf: (code: string) => string): string {
  const state = record.status === 'open' ? `办理期限 ${record.dueDate}` : `${record.outcome}（${record.closedOn}）`;
  return `${record.number} ${nameOf(record.unit)} ${record.stage}：${record.subject}；${state}`;
}
