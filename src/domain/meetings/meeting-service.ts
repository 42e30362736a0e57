import type { Clock } from '../../kernel/clock';
import type { RemindersConfig } from '../../config/reminders';
import type { Attendance, Meeting, MeetingKind, MeetingStore } from '../../store/meetings';
import { toOutgoing, type OutgoingMessage } from '../../kernel/messages';
import type { WorkingCalendar } from '../deadlines/calendar';
import type { DeadlineDocument } from '../../store/documents';
import type { Person } from '../../kernel/people';
import { formatNumber } from '../numbering';
import type { SequenceStore } from '../../store/sequences';
import { DeadlineError } from '../../kernel/time/errors';
import { daysBetween, parseLocalDate, yearOf, type LocalDate } from '../../kernel/time/local-date';
import { instantAt, localDateOf, localTimeOf } from '../../kernel/time/local-time';
import type { Organization } from '../organization';
import type { DocumentService, FollowupInput } from '../documents/document-service';
import { Refusal } from '../errors';
import { eventDate } from '../deadlines/event-date';
import { readPage, type Paged } from '../paging';
import type { Notifier } from '../notifier';
import type { RosterService } from '../roster/roster-service';
import { meetingKindName, scheduleCommandName } from './kinds';
import { relativeDay } from '../deadlines/step-words';
import { latestNag, meetingReminderSteps, periodContaining, type MeetingPeriod } from './schedule';
import { lateMark, type LiveRecipient, type LiveRendering } from '../deadlines/reminder-runner';
import { attendanceButtons, attendanceList, restDayName } from './attendance';
import type { MeetingCalendars } from './calendar-sync';

export interface MeetingDeps {
  meetings: MeetingStore;
  sequences: SequenceStore;
  reminders: RemindersConfig;
  org: Organization;
  roster: RosterService;
  notifier: Notifier;
  clock: Clock;
  /** A meeting on a rest day is scheduled only once the organizer confirms it. */
  calendar: WorkingCalendar;
  /** Follow-up items of the minutes become deadline items. */
  documents: Pick<DocumentService, 'addFollowups'>;
  /** The meetings in the platforms' calendars (calendar-sync.ts): created when scheduled, deleted when cancelled. */
  calendars?: Pick<MeetingCalendars, 'sync' | 'cancel'>;
}

export interface ScheduleInput {
  /** 'YYYY-MM-DD HH:mm', Asia/Shanghai. */
  when: string;
  place: string;
  topic: string;
  /** Codes or names of invited units. */
  invited: string[];
  /** The organizer confirmed a date that is a rest day or holiday. */
  confirmed?: boolean;
}

/** 会议改期: the new time, and the new place when given (else the meeting keeps its place). */
export interface RescheduleInput {
  when: string;
  place?: string;
  confirmed?: boolean;
}

/** Minutes recorded: the day the meeting was held, and the follow-up items created from them. */
export interface MinutesRecorded {
  heldOn: string;
  followups: DeadlineDocument[];
}

/** A meeting scheduled, or the question to confirm a rest day first (nothing saved). */
export type ScheduleOutcome = { kind: 'scheduled'; meeting: Meeting } | { kind: 'confirm'; warning: string };

/** A meeting moved (as it is now), or the question to confirm a rest day first (nothing changed). */
export type RescheduleOutcome = { kind: 'moved'; meeting: Meeting } | { kind: 'confirm'; warning: string };

const BATCH = 200;

/** The renderers of meeting reminders, attendance reminders and the 联席会议 nag in the outbox sender (src/scheduler/live-messages.ts). */
const MEETING_REMINDER = 'meeting-reminder';
const LIAISON_NAG = 'liaison-nag';
const ATTENDANCE_REMINDER = 'attendance-reminder';

/** What a meeting reminder or attendance reminder row keeps to be written again: the meeting as it was scheduled, and when the step was due. */
interface LiveMeetingReminder {
  number: string;
  startsAt: string;
  plannedAt: string;
}

/** `channel:userId` of everyone who answered a meeting's notice. */
function answeredBy(answers: Attendance[]): Set<string> {
  return new Set(answers.map((a) => `${a.person.channel}:${a.person.userId}`));
}

/** The outbox key prefix of what is sent per schedule of a meeting: a moved meeting's reminders are sent again. */
function scheduleKey(meeting: Pick<Meeting, 'number' | 'moves'>): string {
  return meeting.moves ? `meeting:${meeting.number}:moved${meeting.moves}` : `meeting:${meeting.number}`;
}

function parseWhen(text: string): Date {
  const invalid = new Refusal(`会议时间「${text}」无效，请按 YYYY-MM-DD HH:mm 填写，例如 2026-06-20 09:30。`);
  const match = /^(\S+)\s+(\S+)$/.exec(text.trim());
  if (!match) throw invalid;
  try {
    return instantAt(parseLocalDate(match[1]!), match[2]!);
  } catch (err) {
    if (err instanceof DeadlineError) throw invalid;
    throw err;
  }
}

/** 联席会议 and 专题会议: scheduling, reminders, minutes, and the half-yearly nag. */
export class MeetingService {
  constructor(private readonly deps: MeetingDeps) {}

  private mayOrganize(person: Person): boolean {
    const { org } = this.deps;
    return org.is(person.agency, 'supervisor') && org.may(person, 'organizeMeetings');
  }

  /** 纪委监委、检察院、司法局: who may call a meeting, for refusals. */
  private organizingAgencies(): string {
    const { org } = this.deps;
    return org
      .ofKind('supervisor')
      .map((code) => org.shortName(code))
      .join('、');
  }

  describe(meeting: Meeting): string {
    const invited = meeting.invited.length ? `；邀请：${meeting.invited.map((c) => this.deps.org.name(c)).join('、')}` : '';
    return `${meeting.number} ${meetingKindName(meeting.kind)}：${meeting.date} ${localTimeOf(meeting.startsAt)}，${meeting.place}${meeting.topic ? `；议题：${meeting.topic}` : ''}${invited}`;
  }

  /** A time to meet at: valid and still to come. */
  private futureTime(when: string): Date {
    const startsAt = parseWhen(when);
    if (startsAt <= this.deps.clock.now()) throw new Refusal('会议时间已过，请填写将来的时间。');
    return startsAt;
  }

  private static placeOf(text: string): string {
    const place = text.trim();
    if (!place || place.length > 100) throw new Refusal('请填写会议地点（不超过100字）。');
    return place;
  }

  /** The question to ask before a meeting on a rest day, unless the organizer confirmed it. */
  private restDayWarning(date: LocalDate, confirmed: boolean | undefined): string | null {
    if (confirmed || this.deps.calendar.isWorkingDay(date)) return null;
    return `${date} 是${restDayName(date)}，不是工作日。确定在这一天开会吗？`;
  }

  /** The first reminder step still to come for a meeting on `date`. */
  private firstReminder(date: LocalDate): Pick<Meeting, 'nextRemindAt' | 'nextStepIndex'> {
    const now = this.deps.clock.now();
    const first = meetingReminderSteps(date, this.deps.reminders.meetings.reminders, this.deps.calendar).find((s) => s.at > now);
    return { nextRemindAt: first?.at ?? null, nextStepIndex: first?.index ?? null };
  }

  async schedule(person: Person, kind: MeetingKind, input: ScheduleInput): Promise<ScheduleOutcome> {
    if (!this.mayOrganize(person)) throw new Refusal(`只有${this.organizingAgencies()}的召集人或领导可以安排会议。发送「会议」查看已安排的会议。`);
    const startsAt = this.futureTime(input.when);
    const now = this.deps.clock.now();
    const place = MeetingService.placeOf(input.place);
    const invited = [...new Set(input.invited.map((text) => this.deps.org.resolve(text).code))];
    const date = localDateOf(startsAt);
    const warning = this.restDayWarning(date, input.confirmed);
    if (warning) return { kind: 'confirm', warning };
    const year = yearOf(date);
    const number = formatNumber('HY', year, await this.deps.sequences.next(`HY-${year}`, this.deps.clock.now()));
    const meeting: Meeting = {
      number,
      kind,
      startsAt,
      date,
      place,
      topic: input.topic.trim().slice(0, 300),
      invited,
      ...this.firstReminder(date),
      createdBy: { channel: person.channel, userId: person.userId, name: person.name, agency: person.agency },
      createdAt: now,
    };
    await this.deps.meetings.add(meeting);
    await this.deps.notifier.toPeople(await this.participants(meeting), `meeting:${number}:scheduled`, {
      title: '会议通知',
      text: `【会议通知】${this.describe(meeting)}。请准时参加；发送「会议」查看近期会议。请回复是否参加（请假请写明理由）。`,
      buttons: attendanceButtons(number),
    });
    await this.deps.calendars?.sync(meeting);
    return { kind: 'scheduled', meeting };
  }

  /** 取消会议 <编号> <理由>: by those who may organize meetings, before it starts, once; every participant is told why. */
  async cancel(person: Person, number: string, reason: string): Promise<Meeting> {
    if (!this.mayOrganize(person)) throw new Refusal(`只有${this.organizingAgencies()}的召集人或领导可以取消会议。`);
    const meeting = await this.open(number);
    if (this.deps.clock.now() >= meeting.startsAt)
      throw new Refusal(`${meeting.number} 已开始，不能取消。会后请发送「会议纪要 ${meeting.number} <要点>」记录纪要。`);
    const why = reason.trim().slice(0, 200);
    if (!why) throw new Refusal(`请写明取消理由，例如「取消会议 ${meeting.number} 主要领导外出」。`);
    const by = { channel: person.channel, userId: person.userId, name: person.name, agency: person.agency };
    if (!(await this.deps.meetings.cancel(meeting.number, { at: this.deps.clock.now(), by, reason: why }))) {
      throw new Refusal(`${meeting.number} 已取消。发送「会议」查看近期会议。`);
    }
    await this.deps.notifier.toPeople(await this.participants(meeting), `meeting:${meeting.number}:cancelled`, {
      title: '会议取消',
      text: `【会议取消】${this.describe(meeting)} 已取消。理由：${why}。原定安排作废，无需回复；发送「会议」查看近期会议。`,
    });
    await this.deps.calendars?.cancel(meeting);
    return meeting;
  }

  /**
   * 会议改期 <编号> <日期时间> [地点]: by those who may organize meetings, before it starts; a rest day is confirmed
   * first, as when scheduling. Participants are told, reminders follow the new date, and the platform calendars are
   * updated (one outbox row per platform and move). Answers already given stay.
   */
  async reschedule(person: Person, number: string, input: RescheduleInput): Promise<RescheduleOutcome> {
    if (!this.mayOrganize(person)) throw new Refusal(`只有${this.organizingAgencies()}的召集人或领导可以改期会议。`);
    const before = await this.open(number);
    if (this.deps.clock.now() >= before.startsAt) throw new Refusal(`${before.number} 已开始，不能改期。`);
    const startsAt = this.futureTime(input.when);
    const place = input.place === undefined ? before.place : MeetingService.placeOf(input.place);
    if (startsAt.getTime() === before.startsAt.getTime() && place === before.place) {
      throw new Refusal(`${before.number} 已经安排在 ${before.date} ${localTimeOf(before.startsAt)}，${before.place}，无需改期。`);
    }
    const date = localDateOf(startsAt);
    const warning = this.restDayWarning(date, input.confirmed);
    if (warning) return { kind: 'confirm', warning };
    const move = { startsAt, date, place, ...this.firstReminder(date) };
    if (!(await this.deps.meetings.reschedule(before.number, before, move))) {
      throw new Refusal(`${before.number} 刚刚被改期或取消，请发送「会议」查看最新安排。`);
    }
    const meeting: Meeting = { ...before, ...move, moves: (before.moves ?? 0) + 1 };
    await this.deps.notifier.toPeople(await this.participants(meeting), `meeting:${meeting.number}:moved:${meeting.moves}`, {
      title: '会议改期',
      text: `【会议改期】${meeting.number} 原定 ${before.date} ${localTimeOf(before.startsAt)}，${before.place}；改为 ${this.describe(meeting)}。已回复的无需重复回复，如有变化请重新回复。`,
      buttons: attendanceButtons(meeting.number),
    });
    await this.deps.calendars?.sync(meeting);
    return { kind: 'moved', meeting };
  }

  /** A meeting that exists and is not cancelled, else the refusal saying which. */
  private async open(number: string): Promise<Meeting> {
    const meeting = await this.find(number);
    if (!meeting) throw new Refusal(`找不到会议 ${number}。发送「会议」查看会议编号。`);
    if (meeting.cancelled) throw new Refusal(`${meeting.number} 已取消（${meeting.cancelled.reason}）。发送「会议」查看近期会议。`);
    return meeting;
  }

  /** 参加 / 请假 <理由>: by anyone the meeting notice went to, before the meeting starts; a later answer replaces an earlier one. */
  async answer(person: Person, number: string, answer: Attendance['answer'], reason: string): Promise<Meeting> {
    const meeting = await this.open(number);
    const invited = (await this.participants(meeting)).some((p) => p.channel === person.channel && p.userId === person.userId);
    if (!invited) throw new Refusal(`您不在 ${meeting.number} 的参会范围内。如需参加，请联系召集单位。`);
    if (this.deps.clock.now() >= meeting.startsAt) throw new Refusal(`${meeting.number} 已开始，不能再回复参会情况。`);
    const why = reason.trim().slice(0, 200);
    if (answer === 'leave' && !why) throw new Refusal(`请写明请假理由，例如「请假 ${meeting.number} 外出执法」。`);
    await this.deps.meetings.answerAttendance({
      number: meeting.number,
      person: { channel: person.channel, userId: person.userId, name: person.name, agency: person.agency },
      answer,
      ...(answer === 'leave' && { reason: why }),
      at: this.deps.clock.now(),
    });
    return meeting;
  }

  /** 参会情况: who attends, who asked for leave and why, who has not answered — for those who may organize meetings. */
  async attendanceOf(person: Person, number: string): Promise<string> {
    if (!this.mayOrganize(person)) throw new Refusal(`只有${this.organizingAgencies()}的召集人或领导可以查看参会情况。`);
    const meeting = await this.find(number);
    if (!meeting) throw new Refusal(`找不到会议 ${number}。发送「会议」查看会议编号。`);
    return attendanceList(this.describe(meeting), await this.participants(meeting), await this.deps.meetings.attendance(meeting.number), this.deps.org);
  }

  async participants(meeting: Pick<Meeting, 'invited'>): Promise<Person[]> {
    const { roster, org } = this.deps;
    // The supervising agencies' organizers and leaders attend every meeting.
    const core = await Promise.all(org.ofKind('supervisor').map((code) => roster.members(code, org.audience('meetingParticipants'))));
    const invited = await Promise.all(meeting.invited.map((code) => roster.members(code, [])));
    return [...core, ...invited].flat();
  }

  /** A page of the meetings still to come, soonest first. */
  async upcoming(page = 1): Promise<Paged<Meeting>> {
    return readPage(page, (skip, limit) => this.deps.meetings.startingFrom(this.deps.clock.now(), skip, limit));
  }

  async find(number: string): Promise<Meeting | null> {
    return this.deps.meetings.find(number.toUpperCase());
  }

  /**
   * 会议纪要: the minutes once, with the day the meeting was held (`heldOn`, default its scheduled day: not later than
   * today, not before that day), and follow-up items that get reminders like any deadline.
   */
  async recordMinutes(person: Person, number: string, text: string, followups: FollowupInput[], heldOn?: string): Promise<MinutesRecorded> {
    if (!this.mayOrganize(person)) throw new Refusal(`只有${this.organizingAgencies()}的召集人或领导可以记录会议纪要。`);
    const meeting = await this.open(number);
    if (this.deps.clock.now() < meeting.startsAt) {
      throw new Refusal(`${meeting.number} 将于 ${meeting.date} ${localTimeOf(meeting.startsAt)} 开始，会议开始后才能记录纪要。`);
    }
    const held = eventDate(heldOn ?? meeting.date, { today: localDateOf(this.deps.clock.now()), notBefore: parseLocalDate(meeting.date), what: '会议召开' });
    if (!text.trim())
      throw new Refusal(`请写明纪要要点，例如「会议纪要 ${meeting.number} ${held} 通报上半年移送情况」（日期为实际召开日期，可省略，默认 ${meeting.date}）。`);
    const recorded = await this.deps.meetings.recordMinutes(meeting.number, {
      at: this.deps.clock.now(),
      by: { channel: person.channel, userId: person.userId, name: person.name, agency: person.agency },
      text: text.trim().slice(0, 2000),
      heldOn: held,
    });
    if (!recorded) throw new Refusal(`${meeting.number} 已记录过纪要。后续事项请联系召集单位。`);
    return { heldOn: held, followups: await this.deps.documents.addFollowups(person, meeting.number, followups) };
  }

  /** Meeting reminders due at `at`, exactly once per (meeting, step, recipient). */
  async remindDue(at: Date): Promise<number> {
    const due = await this.deps.meetings.remindersDue(at, BATCH);
    let sent = 0;
    for (const meeting of due) sent += await this.remindOne(meeting, at);
    return sent;
  }

  /**
   * Steps reached by `at` fold into one reminder under the latest step's key, worded for `at` (a
   * catch-up after downtime never says 「7天后」 two days before); none once the meeting has begun.
   */
  private async remindOne(meeting: Meeting, at: Date): Promise<number> {
    const rules = this.deps.reminders;
    const steps = meetingReminderSteps(parseLocalDate(meeting.date), rules.meetings.reminders, this.deps.calendar);
    let index = meeting.nextStepIndex ?? steps.length;
    while (index < steps.length && steps[index]!.at <= at) index++;
    const latest = index > (meeting.nextStepIndex ?? steps.length) ? steps[index - 1] : undefined;
    let sent = 0;
    if (latest && at < meeting.startsAt) {
      const late = at.getTime() - latest.at.getTime() > rules.deadlines.lateAfterMinutes * 60_000;
      const ref: LiveMeetingReminder = { number: meeting.number, startsAt: meeting.startsAt.toISOString(), plannedAt: latest.at.toISOString() };
      await this.deps.notifier.toPeople(await this.participants(meeting), `${scheduleKey(meeting)}:${latest.key}`, this.reminderText(meeting, at, latest.at), {
        late,
        live: { kind: MEETING_REMINDER, ref: JSON.stringify(ref) },
      });
      await this.remindUnanswered(meeting, at, ref, late);
      sent = 1;
    }
    const next = steps[index];
    await this.deps.meetings.moveReminder(meeting.number, meeting.nextStepIndex, { nextRemindAt: next?.at ?? null, nextStepIndex: next ? index : null });
    return sent;
  }

  /**
   * Invitees who have not answered the notice are asked once more (one key per meeting), with the buttons; written
   * again at delivery, and dropped for whoever has answered by then.
   */
  private async remindUnanswered(meeting: Meeting, at: Date, ref: LiveMeetingReminder, late: boolean): Promise<void> {
    const answered = answeredBy(await this.deps.meetings.attendance(meeting.number));
    const silent = (await this.participants(meeting)).filter((p) => !answered.has(`${p.channel}:${p.userId}`));
    await this.deps.notifier.toPeople(silent, `meeting:${meeting.number}:attendance-reminder`, this.attendanceReminder(meeting, at, new Date(ref.plannedAt)), {
      late,
      live: { kind: ATTENDANCE_REMINDER, ref: JSON.stringify(ref) },
    });
  }

  private attendanceReminder(meeting: Meeting, at: Date, plannedAt: Date): OutgoingMessage {
    const when = relativeDay(daysBetween(localDateOf(at), parseLocalDate(meeting.date)));
    const note = lateMark(plannedAt, at, this.deps.reminders.deadlines.lateAfterMinutes);
    return {
      title: '请回复参会情况',
      text: `${meeting.number} ${meetingKindName(meeting.kind)} ${when}（${meeting.date} ${localTimeOf(meeting.startsAt)}，${meeting.place}）召开，尚未收到您的回复，请告知是否参加（请假请写明理由）。${note}`,
      buttons: attendanceButtons(meeting.number),
    };
  }

  /** The reminder as of `at` (今天 / 明天 / N天后 counted from then), marked when it goes out later than planned. */
  private reminderText(meeting: Meeting, at: Date, plannedAt: Date): string {
    const when = relativeDay(daysBetween(localDateOf(at), parseLocalDate(meeting.date)));
    const note = lateMark(plannedAt, at, this.deps.reminders.deadlines.lateAfterMinutes);
    return `【会议提醒】${meetingKindName(meeting.kind)} ${meeting.number} ${when}（${meeting.date} ${localTimeOf(meeting.startsAt)}）在${meeting.place}召开${meeting.topic ? `，议题：${meeting.topic}` : ''}。请准时参加；发送「会议」查看近期会议。${note}`;
  }

  /** The meeting a live row was written for, as of `now`; null once it was cancelled, moved or has begun. */
  private async stillAhead(reminder: LiveMeetingReminder, now: Date): Promise<Meeting | null> {
    const meeting = await this.find(reminder.number);
    if (!meeting || meeting.cancelled || meeting.startsAt.toISOString() !== reminder.startsAt || now >= meeting.startsAt) return null;
    return meeting;
  }

  /** A meeting reminder written again as of `now`; null once the meeting was cancelled, moved or has begun. */
  private async renderReminder(ref: string, now: Date): Promise<OutgoingMessage | null> {
    const reminder = JSON.parse(ref) as LiveMeetingReminder;
    const meeting = await this.stillAhead(reminder, now);
    return meeting && toOutgoing(this.reminderText(meeting, now, new Date(reminder.plannedAt)));
  }

  /** The attendance reminder as of `now`; null once `to` has answered, or the meeting was cancelled, moved or has begun. */
  private async renderAttendanceReminder(ref: string, now: Date, to: LiveRecipient): Promise<OutgoingMessage | null> {
    const reminder = JSON.parse(ref) as LiveMeetingReminder;
    const meeting = await this.stillAhead(reminder, now);
    if (!meeting || answeredBy(await this.deps.meetings.attendance(meeting.number)).has(`${to.channel}:${to.userId}`)) return null;
    return this.attendanceReminder(meeting, now, new Date(reminder.plannedAt));
  }

  /** The 联席会议 nag as of `now`; null once a 联席会议 of the half-year was scheduled. */
  private async renderNag(ref: string, now: Date): Promise<OutgoingMessage | null> {
    const { liaison } = this.deps.reminders.meetings;
    const nag = JSON.parse(ref) as { date: string; plannedAt: string };
    const period = periodContaining(parseLocalDate(nag.date), liaison);
    if (!period || (await this.deps.meetings.existsBetween('liaison', period.start, period.end))) return null;
    return toOutgoing(this.nagText(period, now, new Date(nag.plannedAt)));
  }

  private nagText(period: MeetingPeriod, at: Date, plannedAt: Date): string {
    const left = daysBetween(localDateOf(at), period.end);
    const name = meetingKindName('liaison');
    const end = left >= 0 ? `距本半年度结束还有 ${left} 天` : `本半年度已于 ${period.end} 结束`;
    const note = lateMark(plannedAt, at, this.deps.reminders.deadlines.lateAfterMinutes);
    return `【${name}】${period.label}尚未安排${name}，${end}。请发送「${scheduleCommandName('liaison')} YYYY-MM-DD HH:mm <地点> [议题]」安排。${note}`;
  }

  /** The outbox sender's live renderers of meetings: the reminders, the attendance reminder and the 联席会议 nag. */
  liveRenderers(): LiveRendering[] {
    return [
      [MEETING_REMINDER, (ref, now) => this.renderReminder(ref, now)],
      [LIAISON_NAG, (ref, now) => this.renderNag(ref, now)],
      [ATTENDANCE_REMINDER, (ref, now, to) => this.renderAttendanceReminder(ref, now, to)],
    ];
  }

  /**
   * The weekly nag while the current half-year has no 联席会议: one indexed existence
   * check per tick. Only the latest nag is sent after downtime: an older one says the same.
   */
  async nagUnscheduled(at: Date): Promise<number> {
    const { liaison } = this.deps.reminders.meetings;
    const nag = latestNag(at, liaison);
    if (!nag) return 0;
    if (await this.deps.meetings.existsBetween('liaison', nag.period.start, nag.period.end)) return 0;
    const { roster, notifier } = this.deps;
    const organizers = (
      await Promise.all(this.deps.org.ofKind('supervisor').map((code) => roster.members(code, this.deps.org.audience('liaisonMeetingNag'))))
    ).flat();
    const late = at.getTime() - nag.at.getTime() > this.deps.reminders.deadlines.lateAfterMinutes * 60_000;
    const live = { kind: LIAISON_NAG, ref: JSON.stringify({ date: nag.date, plannedAt: nag.at.toISOString() }) };
    await notifier.toPeople(organizers, `meeting-nag:${nag.period.key}:${nag.date}`, this.nagText(nag.period, at, nag.at), { late, live });
    return 1;
  }
}
