import type { Clock } from '../../kernel/clock';
import { toOutgoing, type OutgoingMessage } from '../../kernel/messages';
import type { Person } from '../../kernel/people';
import { daysBetween, parseLocalDate, yearOf } from '../../kernel/time/local-date';
import { localDateOf } from '../../kernel/time/local-time';
import type { DeadlineDocument, DocumentChange, DocumentStore, Ladder, LadderLevel } from '../../store/documents';
import type { SequenceStore } from '../../store/sequences';
import type { WorkingCalendar } from '../deadlines/calendar';
import { countdown } from '../deadlines/countdown';
import { lateMark, type LiveRendering } from '../deadlines/reminder-runner';
import type { Notifier } from '../notifier';
import { DOCX_TYPE, type DocxTemplates } from '../official/docx';
import type { Organization } from '../organization';
import type { ReportFiles } from '../reports/files';
import type { RosterService } from '../roster/roster-service';
import { escalatedPeople, remindedPeople } from './audience';
import type { DocumentKinds, Names } from './kinds';
import { currentLadder, nextMove, type LadderRules } from './ladder';

export interface EscalationLadderDeps {
  documents: DocumentStore;
  sequences: SequenceStore;
  kinds: DocumentKinds;
  org: Organization;
  roster: Pick<RosterService, 'members'>;
  notifier: Notifier;
  calendar: WorkingCalendar;
  clock: Clock;
  rules: LadderRules;
  /** A warning delivered more than this after its step's time carries the late mark. */
  lateAfterMinutes: number;
  /** config/escalation.yaml `ladder.red.numbering`, e.g. `{issuer}催〔{year}〕{seq}号`. */
  numbering: string;
  templates: DocxTemplates;
  /** Where generated .docx files wait for their recipients (links on the console, uploads elsewhere). */
  files: ReportFiles;
}

const BATCH = 200;

/** The renderer of 黄色/红色预警 rows in the outbox sender (src/scheduler/live-messages.ts). */
export const LADDER_WARNING = 'ladder-warning';

/** What a warning row keeps to be written again: the document and due date it was for, its level, and when its step was due. */
interface LiveWarning {
  number: string;
  dueDate: string;
  level: 'yellow' | 'red';
  plannedAt: string;
  urgeNumber?: string;
  file?: { url: string; name: string };
}

const chineseDate = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/**
 * The escalation ladder of unanswered items (config/escalation.yaml): 黄色预警 when the configured share of the
 * period is used, 红色预警 with a 催办通知书 (.docx) on the first working day after the due date, and a 通报 draft
 * some working days later. Runs on working days only; each step's messages are keyed per item, due date and level,
 * and the 催办通知书 number is stored before anything is sent, so a repeated run sends the same notice.
 */
export class EscalationLadder {
  constructor(private readonly deps: EscalationLadderDeps) {}

  async run(at: Date): Promise<number> {
    if (!this.deps.calendar.isWorkingDay(localDateOf(at))) return 0;
    let climbed = 0;
    for (const doc of await this.deps.documents.ladderDue(at, BATCH)) {
      const move = nextMove(doc, at, this.deps.rules, this.deps.calendar);
      const ladder = currentLadder(doc);
      if (move.kind === 'wait') {
        if (doc.ladder?.due !== doc.dueDate || doc.ladder.nextAt?.getTime() !== move.nextAt?.getTime()) {
          await this.change(doc, { set: { ladder: { ...ladder, nextAt: move.nextAt } } });
        }
        continue;
      }
      if (await this.climb(doc, ladder, move.level, at)) climbed++;
    }
    return climbed;
  }

  private async climb(doc: DeadlineDocument, ladder: Ladder, level: LadderLevel, at: Date): Promise<boolean> {
    const names = this.deps.kinds.names(doc);
    const plannedAt = (ladder.nextAt ?? at).toISOString();
    let current = doc;
    let urge = ladder.urge;
    if (level === 'red' && !urge) {
      urge = { number: await this.urgeNumber(doc), on: localDateOf(at) };
      const withNumber = await this.change(doc, { set: { ladder: { ...ladder, urge } } });
      if (!withNumber) return false;
      current = withNumber;
    }
    if (level === 'yellow') await this.sendYellow(current, at, plannedAt);
    if (level === 'red') await this.sendUrgeNotice(current, names, urge!, at, plannedAt);
    if (level === 'bulletin') await this.sendBulletinDraft(current, names, urge!);
    const after = nextMove({ ...current, ladder: { ...ladder, urge, level } }, at, this.deps.rules, this.deps.calendar);
    const nextAt = after.kind === 'wait' ? after.nextAt : at;
    return (await this.change(current, { set: { ladder: { due: current.dueDate, level, nextAt, ...(urge && { urge }) } } })) !== null;
  }

  private async urgeNumber(doc: DeadlineDocument): Promise<string> {
    const year = yearOf(localDateOf(this.deps.clock.now()));
    const seq = await this.deps.sequences.next(`CB-${doc.issuer}-${year}`, this.deps.clock.now());
    return this.deps.numbering.replace('{issuer}', this.deps.org.shortName(doc.issuer)).replace('{year}', String(year)).replace('{seq}', String(seq));
  }

  private key(doc: DeadlineDocument, level: LadderLevel): string {
    return `ladder:${doc.number}:${doc.dueDate}:${level}`;
  }

  private async sendYellow(doc: DeadlineDocument, at: Date, plannedAt: string): Promise<void> {
    const warning: LiveWarning = { number: doc.number, dueDate: doc.dueDate, level: 'yellow', plannedAt };
    const people = await remindedPeople(this.deps.roster, this.deps.org, doc);
    await this.deps.notifier.toPeople(people, this.key(doc, 'yellow'), this.warningText(doc, warning, at), { live: liveRef(warning) });
  }

  /** A warning's text from the document's state at `now`, marked when it goes out later than its step's time. */
  private warningText(doc: DeadlineDocument, warning: LiveWarning, now: Date): string {
    const names = this.deps.kinds.names(doc);
    const today = localDateOf(now);
    const text =
      warning.level === 'yellow'
        ? `【黄色预警】${names.kind.name} ${doc.number}（${doc.reference}）办理期限已用去${Math.round(this.deps.rules.yellowShare * 100)}%，尚未回复，${countdown(parseLocalDate(doc.dueDate), today, this.deps.calendar)}。请${names.recipient}抓紧办理，回复后发送「回复 ${doc.number} <摘要>」登记。`
        : `【红色预警·催办】${names.kind.name} ${doc.number}（${doc.reference}）已于 ${doc.dueDate} 到期，逾期 ${daysBetween(parseLocalDate(doc.dueDate), today)} 天仍未回复。${names.issuer}已发出《催办通知书》（${warning.urgeNumber}），请${names.recipient}立即办理，回复后发送「回复 ${doc.number} <摘要>」登记。`;
    return text + lateMark(new Date(warning.plannedAt), now, this.deps.lateAfterMinutes);
  }

  /** A warning written again as of `now`; null once the document was answered, closed or given another due date. */
  private async render(ref: string, now: Date): Promise<OutgoingMessage | null> {
    const warning = JSON.parse(ref) as LiveWarning;
    const doc = await this.deps.documents.find(warning.number);
    if (doc?.status !== 'open' || doc.reply || doc.dueDate !== warning.dueDate) return null;
    const text = this.warningText(doc, warning, now);
    return warning.file ? { title: '催办通知书', text, file: warning.file } : toOutgoing(text);
  }

  /** The outbox sender's live renderer of 黄色/红色预警. */
  liveRenderers(): LiveRendering[] {
    return [[LADDER_WARNING, (ref, now) => this.render(ref, now)]];
  }

  /** The 催办通知书 to the unit, copied to its leaders and the county government's (urgeCopy), and the issuing side: each gets the .docx. */
  private async sendUrgeNotice(doc: DeadlineDocument, names: Names, urge: NonNullable<Ladder['urge']>, at: Date, plannedAt: string): Promise<void> {
    const { roster, org } = this.deps;
    const copyAgencies = [doc.recipient, org.part('government')];
    const copies = (await Promise.all(copyAgencies.map((agency) => roster.members(agency, org.audience('urgeCopy'))))).flat();
    const unit = await roster.members(doc.recipient, []);
    const issuerSide = await escalatedPeople(roster, org, doc.issuer);
    const daysOverdue = daysBetween(parseLocalDate(doc.dueDate), localDateOf(at));
    const bytes = this.deps.templates.render('urge-notice', {
      number: urge.number,
      issuer: names.issuer,
      unit: names.recipient,
      kind: names.kind.name,
      docNumber: doc.number,
      reference: doc.reference,
      startDate: chineseDate(doc.startDate),
      dueDate: chineseDate(doc.dueDate),
      daysOverdue,
      issuedOn: chineseDate(urge.on),
      replyCommand: `回复 ${doc.number} <回复摘要>`,
      copies: [...new Set(copyAgencies.filter((code) => code !== doc.recipient).map((code) => org.name(code)))].join('、') || '无',
    });
    const filename = `催办通知书 ${urge.number}.docx`;
    const warning: LiveWarning = { number: doc.number, dueDate: doc.dueDate, level: 'red', plannedAt, urgeNumber: urge.number };
    const everyone = new Map([...unit, ...copies, ...issuerSide].map((p) => [`${p.channel}:${p.userId}`, p]));
    for (const person of everyone.values()) await this.sendFile(person, doc, warning, at, filename, bytes);
  }

  private async sendFile(person: Person, doc: DeadlineDocument, warning: LiveWarning, at: Date, filename: string, bytes: Buffer): Promise<void> {
    const owner = { channel: person.channel, userId: person.userId };
    const { token } = await this.deps.files.save(owner, 'document', filename, DOCX_TYPE, bytes);
    const withFile: LiveWarning = { ...warning, file: { url: `/reports/files/${token}`, name: filename } };
    await this.deps.notifier.toPeople(
      [person],
      this.key(doc, 'red'),
      { title: '催办通知书', text: this.warningText(doc, withFile, at), file: withFile.file },
      { live: liveRef(withFile) },
    );
  }

  /** The 通报 draft to the leaders of the issuing agency and the justice bureau, for them to decide on. */
  private async sendBulletinDraft(doc: DeadlineDocument, names: Names, urge: NonNullable<Ladder['urge']>): Promise<void> {
    const { roster, org } = this.deps;
    const agencies = [...new Set([doc.issuer, org.part('justice')])];
    const leaders = (await Promise.all(agencies.map((agency) => roster.members(agency, org.audience('bulletinDraft'))))).flat();
    const text = [
      `【通报（草稿）】关于${names.recipient}逾期未回复${names.kind.name}的通报`,
      `${names.issuer}于 ${doc.startDate} 送达${names.recipient}的${names.kind.name}（${doc.number}，${doc.reference}），期限 ${doc.dueDate}。${urge.on} 发出《催办通知书》（${urge.number}）后，该单位仍未回复。`,
      '以上为系统生成的草稿，请领导审定后按程序印发。',
    ].join('\n');
    await this.deps.notifier.toPeople(leaders, this.key(doc, 'bulletin'), text);
  }

  private change(doc: DeadlineDocument, change: DocumentChange): Promise<DeadlineDocument | null> {
    return this.deps.documents.applyChange(doc.number, doc.version ?? 0, change, this.deps.clock.now());
  }
}

const liveRef = (warning: LiveWarning) => ({ kind: LADDER_WARNING, ref: JSON.stringify(warning) });
