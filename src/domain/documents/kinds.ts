import { AGENCY_KINDS, type AgencyKind, type AgencyPart } from '../../config/agencies';
import type { ClosingAnswer, DocumentKindConfig, ProcedureStep, SourceRecord } from '../../config/deadlines';
import type { Person } from '../../kernel/people';
import { describePeriod, type Period } from '../../kernel/time/period';
import type { DeadlineDocument } from '../../store/documents';
import type { DeadlineReminderRules } from '../deadlines/reminder-steps';
import type { Organization } from '../organization';
import { NameIndex, resolveName } from '../names';

/** One kind of thing with a deadline, as config/deadlines.yaml declares it, with what follows from that. */
export interface DocumentKind {
  readonly key: string;
  readonly name: string;
  /** Other names officers type for it (config/deadlines.yaml `aliases`). */
  readonly aliases: readonly string[];
  readonly numberPrefix?: string;
  /** An agency code, a part, or an agency kind (any agency of it, which then issues what it registers). */
  readonly issuer: string;
  /** Who else acts for the issuer: registers it, sets its deadline, records answers. */
  readonly issuerSide: readonly string[];
  /** A fixed recipient (code or part); absent = chosen on registration. */
  readonly recipient?: string;
  readonly recipientLabel: string;
  /** The event the period counts from (送达, 移送). */
  readonly startsOn: string;
  readonly ordinary?: Period;
  readonly urgent?: Period;
  /** The wizard's question for the urgent case, its period filled in. */
  readonly urgentQuestion?: string;
  readonly closedBy: ClosingAnswer;
  readonly reminders: DeadlineReminderRules;
  readonly escalation: readonly string[];
  readonly steps: readonly ProcedureStep[];
  /** The step a new registration is in (its ordinary period). */
  readonly startStep?: string;
  /** The chat command that registers it and its 帮助 usage; absent for a kind created from another record. */
  readonly command?: { word: string; usage: string };
  readonly from?: SourceRecord;
  /** What its `reference` holds: the issuer's 文号, or the item's text for one created from a meeting. */
  readonly referenceLabel: string;
}

/** A kind registered by a chat command. */
export type RegistrableKind = DocumentKind & Required<Pick<DocumentKind, 'command'>>;

/** What the texts need of a document besides the record: its kind and the names of its two sides. */
export interface Names {
  kind: DocumentKind;
  issuer: string;
  recipient: string;
}

const AGENCY_KIND_WORDS: Record<AgencyKind, string> = { supervisor: '纪检、检察、司法行政机关', government: '人民政府', enforcement: '行政执法单位' };

function isAgencyKind(who: string): who is AgencyKind {
  return (AGENCY_KINDS as readonly string[]).includes(who);
}

function usageOf(word: string, config: DocumentKindConfig): string {
  const recipient = config.recipient ? '' : ` <${config.recipientLabel}>`;
  return `${word} <文号>${recipient} <${config.startsOn}日期 YYYY-MM-DD>${config.urgent ? ' [紧急]' : ''} [期限 YYYY-MM-DD]`;
}

function kindOf(key: string, config: DocumentKindConfig, defaults: DeadlineReminderRules): DocumentKind {
  const { register, urgentQuestion, reminders, steps, ...rest } = config;
  return {
    ...rest,
    key,
    steps: steps ?? [],
    reminders: { ...defaults, ...reminders },
    urgentQuestion: urgentQuestion && config.urgent ? urgentQuestion.replace('{period}', describePeriod(config.urgent)) : undefined,
    ...('command' in register ? { command: { word: register.command, usage: usageOf(register.command, config) } } : { from: register.from }),
    referenceLabel: 'from' in register && register.from === 'meeting' ? '事项' : '文号',
  };
}

/**
 * Every kind of thing with a deadline (检察建议书, 通知书, 决定书, 令310 transfer, rectification item,
 * meeting follow-up …), built from config/deadlines.yaml: the one place that answers what a kind
 * is called, who issues, registers, receives and answers it, how it is counted and reminded.
 */
export class DocumentKinds {
  private readonly byKey: ReadonlyMap<string, DocumentKind>;
  private readonly defaults: DeadlineReminderRules;

  constructor(
    config: Readonly<Record<string, DocumentKindConfig>>,
    defaultReminders: DeadlineReminderRules,
    private readonly org: Organization,
  ) {
    const { time, daysBefore, onDueDay, overdueEveryDays, onRestDay } = defaultReminders;
    this.defaults = { time, daysBefore, onDueDay, overdueEveryDays, onRestDay };
    this.byKey = new Map(Object.entries(config).map(([key, kind]) => [key, kindOf(key, kind, this.defaults)]));
  }

  /**
   * A kind registered by command, by what an officer typed: its name, an alias, its key or command word,
   * a part only it has; otherwise a NameRefusal that asks (src/domain/names).
   */
  resolve(text: string): RegistrableKind {
    const index = new NameIndex(this.registrable.map((k) => ({ value: k, label: k.name, names: [k.key, k.command.word, ...k.aliases] })));
    return resolveName(index, text, { noun: '文书种类', example: `可选：${this.registrable.map((k) => k.name).join('、')}` });
  }

  /** Every kind, in configuration order. */
  get all(): DocumentKind[] {
    return [...this.byKey.values()];
  }

  /** The kinds registered by a chat command, in configuration order (their commands and 帮助 lines). */
  get registrable(): RegistrableKind[] {
    return this.all.filter((kind): kind is RegistrableKind => Boolean(kind.command));
  }

  /** The kinds kept as deadline documents: all but the one created with a joint inspection's problems. */
  get documents(): DocumentKind[] {
    return this.all.filter((kind) => kind.from !== 'inspection');
  }

  /**
   * The kind of that key. A kind no longer configured still describes its stored documents, by
   * its key and the default reminders, so they stay readable and reminded; nobody can register it.
   */
  get(key: string): DocumentKind {
    return (
      this.byKey.get(key) ?? {
        key,
        name: key,
        aliases: [],
        issuer: '',
        issuerSide: [],
        recipientLabel: '接收单位',
        startsOn: '送达',
        closedBy: 'reply',
        reminders: this.defaults,
        escalation: [],
        steps: [],
        referenceLabel: '文号',
      }
    );
  }

  name(key: string): string {
    return this.get(key).name;
  }

  names(doc: Pick<DeadlineDocument, 'kind' | 'issuer' | 'recipient'>): Names {
    return { kind: this.get(doc.kind), issuer: this.org.name(doc.issuer), recipient: this.org.name(doc.recipient) };
  }

  /** The kind created from a record (config validation ensures there is exactly one). */
  from(record: SourceRecord): DocumentKind {
    return this.all.find((kind) => kind.from === record)!;
  }

  /** Whether the agency is, or belongs to, `who` (a code, a part or an agency kind). */
  private matches(who: string, agency: string): boolean {
    return isAgencyKind(who) ? this.org.is(agency, who) : agency === this.agencyOf(who);
  }

  private agencyOf(who: string): string {
    return this.org.agency(who) ? who : this.org.part(who as AgencyPart);
  }

  /** Its issuer, and whoever acts for the issuer. */
  mayRegister(kind: DocumentKind, person: Pick<Person, 'agency'>): boolean {
    return [kind.issuer, ...kind.issuerSide].some((who) => this.matches(who, person.agency));
  }

  /** Who may register it, for a refusal: an agency's name or a word for a kind of agency. */
  registrantName(kind: DocumentKind): string {
    return isAgencyKind(kind.issuer) ? AGENCY_KIND_WORDS[kind.issuer] : this.org.name(this.agencyOf(kind.issuer));
  }

  /** The issuer of what `person` registers: the configured agency, or the person's own when any of a kind may issue. */
  issuerFor(kind: DocumentKind, person: Pick<Person, 'agency'>): string {
    return isAgencyKind(kind.issuer) ? person.agency : this.agencyOf(kind.issuer);
  }

  /** The recipient's code: the fixed one, or the chosen unit (code or name). */
  recipientFor(kind: DocumentKind, chosen: string | undefined): string {
    return kind.recipient ? this.agencyOf(kind.recipient) : this.org.resolve(chosen ?? '').code;
  }

  /** The issuing side of an item: its issuer, and whoever the kind lets act for the issuer. */
  isIssuerSide(kind: string, issuer: string, person: Pick<Person, 'agency'>): boolean {
    return person.agency === issuer || this.get(kind).issuerSide.some((who) => this.matches(who, person.agency));
  }

  /** Both sides, the supervising agencies and the government, and whoever may view every document. */
  mayView(doc: Pick<DeadlineDocument, 'kind' | 'issuer' | 'recipient'>, person: Person): boolean {
    return (
      this.isIssuerSide(doc.kind, doc.issuer, person) ||
      person.agency === doc.recipient ||
      !this.org.is(person.agency, 'enforcement') ||
      this.org.may(person, 'viewAllDocuments')
    );
  }

  /** The name of a step of its procedure; the step a new registration is in when unset or unknown. */
  stepName(kind: DocumentKind, step: string | undefined): string | undefined {
    return (kind.steps.find((s) => s.key === step) ?? kind.steps.find((s) => s.key === kind.startStep))?.name;
  }
}
