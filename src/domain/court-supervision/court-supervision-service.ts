import type { SharingConfig } from '../../config/sharing';
import type { Clock } from '../../kernel/clock';
import type { Person } from '../../kernel/people';
import { yearOf } from '../../kernel/time/local-date';
import { localDateOf } from '../../kernel/time/local-time';
import type { CourtSupervisionCase, CourtSupervisionStore, Notified } from '../../store/court-supervision';
import type { SequenceStore } from '../../store/sequences';
import { actorOf } from '../actor';
import { dateInput } from '../date-input';
import type { WorkingCalendar } from '../deadlines/calendar';
import { computeDeadline } from '../deadlines/count';
import { StoreReminders } from '../deadlines/reminder-runner';
import { firstReminderStep, type DeadlineReminderRules } from '../deadlines/reminder-steps';
import type { Members } from '../documents/audience';
import { lateness } from '../documents/texts';
import { Refusal } from '../errors';
import type { Notifier } from '../notifier';
import { formatNumber } from '../numbering';
import type { Organization } from '../organization';
import * as texts from './texts';

const PREFIX = 'FZ';

export interface CourtSupervisionDeps {
  store: CourtSupervisionStore;
  sequences: SequenceStore;
  config: SharingConfig['courtSupervision'];
  reminders: DeadlineReminderRules;
  lateAfterMinutes: number;
  calendar: WorkingCalendar;
  org: Organization;
  roster: Members;
  notifier: Notifier;
  clock: Clock;
}

export interface SupervisionInput {
  ruling: string;
  applicant: string;
  rulingDate: string;
  courtCaseNumber: string;
}

/**
 * 非诉执行监督: the procuratorate registers a court's ruling on an administrative organ's application
 * for execution, reviews it within the configured period (reminded like any deadline), and on
 * conclusion the applying organ and the justice bureau are told its 审查结论 and 监督结果.
 */
export class CourtSupervisionService {
  readonly nameOf = (code: string) => this.deps.org.name(code);

  /** Reminders to conclude the review, and the escalation to the procuratorate's leaders on the first overdue day. */
  readonly reminders: StoreReminders<CourtSupervisionCase>;

  constructor(private readonly deps: CourtSupervisionDeps) {
    const { store, roster, org } = deps;
    this.reminders = new StoreReminders<CourtSupervisionCase>(
      {
        name: 'court-supervision',
        due: (until, limit) => store.dueForReminder(until, limit),
        advance: (item, next, escalatedAt) => store.advanceReminder(item, next, escalatedAt),
        find: (number) => store.find(number),
        rules: deps.reminders,
        audience: async (record, escalate) => ({
          reminded: [{ ...record.createdBy, roles: [] }, ...(await roster.members(record.agency, org.audience('issuerCopies')))],
          escalated: escalate ? await roster.members(record.agency, org.audience('escalation')) : [],
        }),
        text: (record, what, moment) =>
          what === 'remind' ? texts.reminderText(record, this.nameOf, moment) : texts.escalationText(record, this.nameOf, moment),
      },
      deps,
    );
  }

  private assertProcuratorate(person: Person): string {
    const agency = this.deps.org.part('procuratorate');
    if (person.agency !== agency) throw new Refusal(`非诉执行监督由${this.deps.org.name(agency)}登记和审查。`);
    return agency;
  }

  async register(person: Person, input: SupervisionInput): Promise<CourtSupervisionCase> {
    const { org, config, clock, calendar, reminders } = this.deps;
    const agency = this.assertProcuratorate(person);
    const ruling = config.rulings.find((r) => r === input.ruling.trim());
    if (!ruling) throw new Refusal(`法院裁定类型应为：${config.rulings.join('、')}。`);
    const applicant = org.resolve(input.applicant).code;
    if (org.is(applicant, 'supervisor')) throw new Refusal('申请执行机关应为行政机关，例如 县综合行政执法局。');
    const today = localDateOf(clock.now());
    const rulingDate = dateInput(input.rulingDate, '裁定日期');
    if (rulingDate > today) throw new Refusal(`裁定日期 ${rulingDate} 晚于今天，请检查。`);
    const courtCaseNumber = input.courtCaseNumber.trim();
    if (!courtCaseNumber || courtCaseNumber.length > 60) throw new Refusal('请填写法院案号（不超过60字），例如（2026）浙0421行审12号。');
    const { due, provisional } = computeDeadline(today, config.reviewPeriod, calendar);
    const now = clock.now();
    const number = formatNumber(PREFIX, yearOf(today), await this.deps.sequences.next(`${PREFIX}-${yearOf(today)}`, now));
    const step = firstReminderStep(due, now, reminders, this.deps.calendar);
    const record: CourtSupervisionCase = {
      number,
      agency,
      ruling,
      applicant,
      rulingDate,
      courtCaseNumber,
      startDate: today,
      dueDate: due,
      provisional,
      status: 'open',
      nextRemindAt: step.at,
      nextStepOffset: step.offset,
      createdBy: actorOf(person),
      createdAt: now,
    };
    await this.deps.store.insert(record);
    return record;
  }

  /** A case the person's agency reviews; the refusal reads the same whether or not it exists. */
  async view(person: Person, number: string): Promise<CourtSupervisionCase> {
    const record = await this.deps.store.find(number.toUpperCase());
    if (!record || record.agency !== person.agency) throw new Refusal(`找不到您可查看的非诉执行监督案件 ${number}。发送「非诉监督」列出本院案件。`);
    return record;
  }

  list(person: Person): Promise<CourtSupervisionCase[]> {
    this.assertProcuratorate(person);
    return this.deps.store.listFor(person.agency, 30);
  }

  /** Records the 审查结论 and 监督结果 once, then tells the applying organ and the justice bureau, and records that they were told. */
  async conclude(person: Person, number: string, finding: string, result: string): Promise<CourtSupervisionCase> {
    const { org, clock, store, notifier } = this.deps;
    const record = await this.view(person, number);
    if (record.status !== 'open') throw new Refusal(`${record.number} 已审结。发送「非诉监督 ${record.number}」查看。`);
    if (!finding.trim() || !result.trim()) throw new Refusal(`请同时填写审查结论和监督结果：${texts.CONCLUDE_USAGE}。`);
    const now = clock.now();
    const late = lateness(record.dueDate, localDateOf(now)) > 0;
    const conclusion = { finding: finding.trim().slice(0, 500), result: result.trim().slice(0, 500), at: now, by: actorOf(person), late, notified: [] };
    const concluded = await store.conclude(record.number, conclusion, now);
    if (!concluded) throw new Refusal(`${record.number} 刚刚已被他人审结。发送「非诉监督 ${record.number}」查看。`);
    const notice = texts.conclusionNotice(concluded, this.nameOf);
    const notified: Notified[] = [];
    for (const agency of [record.applicant, org.part('justice')]) {
      const people = await this.deps.roster.members(agency, org.audience('courtSupervisionResults'));
      await notifier.toPeople(people, `court-supervision:${record.number}:concluded`, notice);
      notified.push({ agency, people: people.length, at: now });
    }
    await store.recordNotified(record.number, notified);
    return { ...concluded, conclusion: { ...concluded.conclusion!, notified } };
  }

  remindDue(at: Date): Promise<number> {
    return this.reminders.run(at);
  }
}
