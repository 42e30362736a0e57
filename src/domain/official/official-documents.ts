import type { Clock } from '../../kernel/clock';
import type { OutgoingMessage } from '../../kernel/messages';
import type { Person } from '../../kernel/people';
import { daysBetween, parseLocalDate } from '../../kernel/time/local-date';
import { localDateOf } from '../../kernel/time/local-time';
import type { DeadlineDocument, LadderLevel, Outcome } from '../../store/documents';
import type { DocumentService } from '../documents/document-service';
import { signedBy, whenSigned } from '../documents/receipt';
import type { Organization } from '../organization';
import type { ReportFiles } from '../reports/files';
import { DOCX_TYPE, type DocxTemplates, type TemplateName } from './docx';
import type { MeetingService } from '../meetings/meeting-service';
import { meetingKindName } from '../meetings/kinds';
import { Refusal } from '../errors';
import type { Attendance, Meeting } from '../../store/meetings';
import { localTimeOf } from '../../kernel/time/local-time';

export interface OfficialDocumentDeps {
  documents: Pick<DocumentService, 'view' | 'names'>;
  meetings: Pick<MeetingService, 'find'>;
  attendance: (number: string) => Promise<Attendance[]>;
  templates: DocxTemplates;
  files: ReportFiles;
  org: Organization;
  clock: Clock;
}

const LEVEL_NAMES: Record<LadderLevel, string> = { yellow: '黄色预警', red: '红色预警', bulletin: '已拟通报' };

const outcomeLine = (outcome: Outcome | undefined, org: Organization) =>
  outcome ? `${localDateOf(outcome.at)} ${org.shortName(outcome.by.agency)} ${outcome.by.name}：${outcome.text}${outcome.late ? '（逾期）' : ''}` : '无';

/** Official documents generated on request, as .docx files for the person who asked (a link on the console, a file elsewhere). */
export class OfficialDocuments {
  constructor(private readonly deps: OfficialDocumentDeps) {}

  /** 办理情况 <编号>: one document's handling status sheet (办理情况表), for anyone who may see the document. */
  async statusSheet(person: Person, number: string): Promise<OutgoingMessage> {
    const doc = await this.deps.documents.view(person, number);
    const names = this.deps.documents.names(doc);
    const today = localDateOf(this.deps.clock.now());
    return this.file(person, 'status-sheet', `办理情况表 ${doc.number}.docx`, `${doc.number} 的办理情况表已生成（Word 文件）。`, {
      title: names.kind.name,
      docNumber: doc.number,
      kind: names.kind.name,
      reference: doc.reference,
      issuer: names.issuer,
      unit: names.recipient,
      startDate: doc.startDate,
      receipt: doc.receipt ? `${signedBy(doc.receipt, this.deps.org)} ${whenSigned(doc.receipt)}` : '尚未签收',
      dueDate: doc.dueDate,
      status: this.status(doc, today),
      reply: outcomeLine(doc.reply, this.deps.org),
      correction: outcomeLine(doc.correction, this.deps.org),
      ladder: this.ladder(doc),
      generatedOn: today,
    });
  }

  /** 会议通知 <编号>: the meeting notice, for anyone on the roster. */
  async meetingNotice(person: Person, number: string): Promise<OutgoingMessage> {
    const meeting = await this.meeting(number);
    const { org } = this.deps;
    // The supervising agencies attend every meeting (MeetingService.participants), with the invited units.
    const invitees = [...org.ofKind('supervisor'), ...meeting.invited].map((code) => org.name(code));
    return this.file(person, 'meeting-notice', `会议通知 ${meeting.number}.docx`, `${meeting.number} 的会议通知已生成（Word 文件）。`, {
      kind: meetingKindName(meeting.kind),
      number: meeting.number,
      invitees: [...new Set(invitees)].join('、'),
      when: `${meeting.date} ${localTimeOf(meeting.startsAt)}`,
      place: meeting.place,
      topic: meeting.topic || '（见会议安排）',
      organizer: org.name(meeting.createdBy.agency),
      issuedOn: localDateOf(meeting.createdAt),
    });
  }

  /** 纪要文件 <编号>: the minutes once recorded, with who attended and who was excused. */
  async meetingMinutes(person: Person, number: string): Promise<OutgoingMessage> {
    const meeting = await this.meeting(number);
    const { minutes } = meeting;
    if (!minutes) throw new Refusal(`${meeting.number} 尚未记录纪要。会后请发送「会议纪要 ${meeting.number} <要点>」记录。`);
    const answers = await this.deps.attendance(meeting.number);
    const who = (a: Attendance) => `${this.deps.org.shortName(a.person.agency)} ${a.person.name}`;
    const list = (answer: Attendance['answer']) =>
      answers
        .filter((a) => a.answer === answer)
        .map(who)
        .join('、') || '无';
    return this.file(person, 'meeting-minutes', `会议纪要 ${meeting.number}.docx`, `${meeting.number} 的会议纪要已生成（Word 文件）。`, {
      kind: meetingKindName(meeting.kind),
      number: meeting.number,
      when:
        minutes.heldOn && minutes.heldOn !== meeting.date
          ? `${minutes.heldOn}（原定 ${meeting.date} ${localTimeOf(meeting.startsAt)}）`
          : `${meeting.date} ${localTimeOf(meeting.startsAt)}`,
      place: meeting.place,
      topic: meeting.topic || '无',
      attended: list('attend'),
      excused: list('leave'),
      minutes: minutes.text,
      recorder: `${this.deps.org.shortName(minutes.by.agency)} ${minutes.by.name}`,
      recordedOn: localDateOf(minutes.at),
    });
  }

  private async meeting(number: string): Promise<Meeting> {
    const meeting = await this.deps.meetings.find(number);
    if (!meeting) throw new Refusal(`找不到会议 ${number}。发送「会议」查看会议编号。`);
    return meeting;
  }

  private async file(person: Person, template: TemplateName, name: string, text: string, data: Record<string, string>): Promise<OutgoingMessage> {
    const bytes = this.deps.templates.render(template, data);
    const { token } = await this.deps.files.save({ channel: person.channel, userId: person.userId }, 'document', name, DOCX_TYPE, bytes);
    return { text, file: { url: `/reports/files/${token}`, name } };
  }

  private status(doc: DeadlineDocument, today: string): string {
    if (doc.status === 'closed') return '已办结';
    const late = daysBetween(parseLocalDate(doc.dueDate), parseLocalDate(today));
    return late > 0 ? `办理中，已逾期 ${late} 天` : '办理中';
  }

  private ladder(doc: DeadlineDocument): string {
    const ladder = doc.ladder?.due === doc.dueDate ? doc.ladder : undefined;
    if (!ladder?.level) return '无';
    return [LEVEL_NAMES[ladder.level], ladder.urge ? `${ladder.urge.on} 发出催办通知书 ${ladder.urge.number}` : ''].filter(Boolean).join('；');
  }
}
