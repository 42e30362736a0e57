import type { SharingConfig } from '../../config/sharing';
import type { Clock } from '../../kernel/clock';
import type { Person } from '../../kernel/people';
import { yearOf } from '../../kernel/time/local-date';
import { localDateOf } from '../../kernel/time/local-time';
import type { ConsultationCounts, ConsultationRequest, ConsultationStore } from '../../store/consultations';
import type { SequenceStore } from '../../store/sequences';
import { actorOf } from '../actor';
import { dateInput } from '../date-input';
import type { WorkingCalendar } from '../deadlines/calendar';
import { computeDeadline } from '../deadlines/count';
import { StoreReminders } from '../deadlines/reminder-runner';
import { firstReminderStep, type DeadlineReminderRules } from '../deadlines/reminder-steps';
import { type Members, remindedPeople } from '../documents/audience';
import { lateness } from '../documents/texts';
import { Refusal } from '../errors';
import type { MeetingService } from '../meetings/meeting-service';
import type { Notifier } from '../notifier';
import { formatNumber } from '../numbering';
import type { Organization } from '../organization';
import * as texts from './texts';

const PREFIX = 'XZ';

export interface ConsultationDeps {
  store: ConsultationStore;
  sequences: SequenceStore;
  config: SharingConfig['consultation'];
  reminders: DeadlineReminderRules;
  lateAfterMinutes: number;
  calendar: WorkingCalendar;
  org: Organization;
  roster: Members;
  notifier: Notifier;
  meetings: Pick<MeetingService, 'schedule'>;
  clock: Clock;
}

export interface ConsultationInput {
  to: string;
  category: string;
  subject: string;
  /** YYYY-MM-DD; omitted = the configured reply period. */
  due?: string;
}

/**
 * 协作请求: consultation and joint study between agencies, with a reply deadline reminded like any
 * other; the answer is recorded, both sides list and count them, and one can go on a 专题会议's agenda.
 */
export class ConsultationService {
  readonly nameOf = (code: string) => this.deps.org.name(code);

  /** Reminders to answer, and the escalation to both agencies' leaders on the first overdue day. */
  readonly reminders: StoreReminders<ConsultationRequest>;

  constructor(private readonly deps: ConsultationDeps) {
    const { store, roster, org } = deps;
    this.reminders = new StoreReminders<ConsultationRequest>(
      {
        name: 'consultation',
        due: (until, limit) => store.dueForReminder(until, limit),
        advance: (item, next, escalatedAt) => store.advanceReminder(item, next, escalatedAt),
        find: (number) => store.find(number),
        rules: deps.reminders,
        audience: async (request, escalate) => ({
          reminded: await remindedPeople(roster, org, { issuer: request.from, recipient: request.to }),
          escalated: escalate
            ? [...(await roster.members(request.to, org.audience('escalation'))), ...(await roster.members(request.from, org.audience('escalation')))]
            : [],
        }),
        text: (request, what, moment) =>
          what === 'remind' ? texts.reminderText(request, this.nameOf, moment) : texts.escalationText(request, this.nameOf, moment),
      },
      deps,
    );
  }

  async request(person: Person, input: ConsultationInput): Promise<ConsultationRequest> {
    const { org, config, clock, calendar, reminders, notifier } = this.deps;
    const to = org.resolve(input.to).code;
    if (to === person.agency) throw new Refusal('协作请求应发给其他单位，请检查对方机构。');
    const category = config.categories.find((c) => c === input.category);
    if (!category) throw new Refusal(`类别应为：${config.categories.join('、')}。`);
    const subject = input.subject.trim();
    if (subject.length > 300) throw new Refusal('事项请控制在300字以内。');
    const now = clock.now();
    const today = localDateOf(now);
    const planned = input.due ? { due: dateInput(input.due, '期限'), provisional: false } : computeDeadline(today, config.replyPeriod, calendar);
    if (planned.due <= today) throw new Refusal(`期限 ${planned.due} 必须晚于今天。`);
    const number = formatNumber(PREFIX, yearOf(today), await this.deps.sequences.next(`${PREFIX}-${yearOf(today)}`, now));
    const step = firstReminderStep(planned.due, now, reminders, this.deps.calendar);
    const request: ConsultationRequest = {
      number,
      from: person.agency,
      to,
      category,
      subject,
      startDate: today,
      month: today.slice(0, 7),
      dueDate: planned.due,
      provisional: planned.provisional,
      status: 'open',
      nextRemindAt: step.at,
      nextStepOffset: step.offset,
      createdBy: actorOf(person),
      createdAt: now,
    };
    await this.deps.store.insert(request);
    await notifier.toAgency(to, org.audience('sharingRequests'), `consultation:${number}:new`, texts.newRequestNotice(request, this.nameOf));
    return request;
  }

  /** A request the person's agency sent or received; the refusal reads the same whether or not it exists. */
  async view(person: Person, number: string): Promise<ConsultationRequest> {
    const request = await this.deps.store.find(number.toUpperCase());
    if (!request || (request.from !== person.agency && request.to !== person.agency)) {
      throw new Refusal(`找不到您可查看的协作请求 ${number}。发送「协作」列出本单位的协作请求。`);
    }
    return request;
  }

  /** 答复协作: by the receiving agency; the requesting side is told. */
  async answer(person: Person, number: string, text: string): Promise<ConsultationRequest> {
    const { clock, store, notifier, org } = this.deps;
    const request = await this.view(person, number);
    if (person.agency !== request.to) throw new Refusal(`只有${this.nameOf(request.to)}可以答复 ${request.number}。`);
    if (request.status !== 'open') throw new Refusal(`${request.number} 已答复。发送「协作 ${request.number}」查看。`);
    const summary = text.trim();
    if (!summary) throw new Refusal(`请写明答复内容：${texts.ANSWER_USAGE}。`);
    const now = clock.now();
    const outcome = { at: now, by: actorOf(person), text: summary.slice(0, 1000), late: lateness(request.dueDate, localDateOf(now)) > 0 };
    const answered = await store.answer(request.number, outcome, now);
    if (!answered) throw new Refusal(`${request.number} 刚刚已被他人答复。发送「协作 ${request.number}」查看。`);
    const told = [{ ...request.createdBy, roles: [] }, ...(await this.deps.roster.members(request.from, org.audience('sharingRequests')))];
    await notifier.toPeople(told, `consultation:${request.number}:answered`, texts.answeredNotice(answered, this.nameOf));
    return answered;
  }

  /** The agency's requests both ways, with their counts; leaders and organizers also get the county's counts. */
  async overview(person: Person): Promise<{ requests: ConsultationRequest[]; own: ConsultationCounts; county?: ConsultationCounts }> {
    const { store, org } = this.deps;
    const [requests, own] = await Promise.all([store.listFor(person.agency, 30), store.counts(person.agency)]);
    return { requests, own, ...(org.may(person, 'viewReports') ? { county: await store.counts() } : {}) };
  }

  /** 协作上会: a 专题会议 with the request as its topic, both agencies invited. */
  async toMeeting(person: Person, number: string, when: string, place: string) {
    const request = await this.view(person, number);
    if (request.meetingNumber) throw new Refusal(`${request.number} 已列入专题会议 ${request.meetingNumber}。`);
    const topic = `${request.category}：${request.subject}（${request.number}）`;
    const outcome = await this.deps.meetings.schedule(person, 'special', { when, place, topic, invited: [request.from, request.to] });
    if (outcome.kind === 'confirm') throw new Refusal(`${outcome.warning}协作上会请另选一个工作日。`);
    await this.deps.store.setMeeting(request.number, outcome.meeting.number);
    return outcome.meeting;
  }

  remindDue(at: Date): Promise<number> {
    return this.reminders.run(at);
  }
}
