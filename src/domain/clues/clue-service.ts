import type { Clock } from '../../kernel/clock';
import { CLUE_ROUTES, type ClueRoute, type RoutingConfig } from '../../config/routing';
import { ANNOUNCE_LEASE_MS, type ClueActor, type ClueChange, type ClueChangeAction, type ClueDoc, type ClueStatus, type ClueStore } from '../../store/clues';
import type { ClueAuditStore } from '../../store/clue-audit';
import type { Person } from '../../kernel/people';
import { addDays, computeDeadline, describePeriod, instantAt, localDateOf, onOrNextWorkingDay, type Period, type WorkingCalendar } from '../deadlines';
import type { Notifier } from '../notifier';
import type { RosterService } from '../roster/roster-service';
import { CLUE_NOT_AVAILABLE, clueViewer, decideClueView, mayHandleClue } from './access';
import type { Organization } from '../organization';
import { Refusal } from '../errors';
import { readPage, type Paged } from '../paging';
import { ClueAuditLog } from './audit';
import type { EncryptedField, FieldCipher } from '../../kernel/field-cipher';
import { formatClueNumber } from './numbers';
import * as texts from './texts';
import type { ClueDetails, ClueDraft, ClueLookup, ClueSummary, ConfirmedDraft } from './types';
import { agencyIndex, resolveAgency, type NameIndex } from '../names';
import type { Agency } from '../../config/agencies';
import type { AttachmentRef, ClueAttachments } from './attachments';
import { createClueRouter, type ClueRouter, type RoutingResult } from './routing';

export interface ClueServiceDeps {
  clues: ClueStore;
  clueAudit: ClueAuditStore;
  cipher: FieldCipher;
  /** Evidence attachments: received during the wizard and 补充, opened through 附件. */
  attachments: ClueAttachments;
  routing: RoutingConfig;
  org: Organization;
  clock: Clock;
  notifier: Notifier;
  roster: RosterService;
  calendar: WorkingCalendar;
  /** How long the receiving agency has to accept (DOMAIN.md: 15 working days). */
  acceptancePeriod: Period;
  /** Reminders go out at this local time ('HH:mm'); one sent more than lateAfterMinutes after it says so. */
  reminderTime: string;
  lateAfterMinutes: number;
}

interface Reporter {
  channel: string;
  userId: string;
  name: string;
  agency: string;
}

type SubmitterAction = Extract<ClueChangeAction, 'supplement' | 'withdraw'>;
type HandlerAction = Exclude<ClueChangeAction, SubmitterAction>;

/** Who may make a change (the receiving agency's handlers, or the clue's submitter) and from which statuses. */
interface ChangeRules {
  by: 'handler' | 'submitter';
  from: readonly ClueStatus[];
}

const HANDLER_RULES: Record<HandlerAction, ChangeRules> = {
  accept: { by: 'handler', from: ['submitted'] },
  conclude: { by: 'handler', from: ['accepted'] },
  transfer: { by: 'handler', from: ['submitted', 'accepted'] },
};

const SUBMITTER_RULES: Record<SubmitterAction, ChangeRules> = {
  supplement: { by: 'submitter', from: ['submitted', 'accepted'] },
  withdraw: { by: 'submitter', from: ['submitted'] },
};

const SEALED_TEXT_FIELDS = ['facts', 'subject', 'timePlace', 'evidence'] as const;

function sealAttachments(cipher: FieldCipher, refs: AttachmentRef[], context = 'attachments'): EncryptedField | undefined {
  return refs.length ? cipher.encrypt(JSON.stringify(refs), context) : undefined;
}

function openAttachments(cipher: FieldCipher, sealed: EncryptedField | undefined, context = 'attachments'): AttachmentRef[] {
  return sealed ? (JSON.parse(cipher.decrypt(sealed, context)) as AttachmentRef[]) : [];
}

export function personKey(person: { channel: string; userId: string }): string {
  return `${person.channel}:${person.userId}`;
}

function actorOf(person: Person): ClueActor {
  return { channel: person.channel, userId: person.userId, name: person.name, agency: person.agency };
}

function summaryOf(doc: ClueDoc): ClueSummary {
  return {
    number: doc.number,
    route: doc.route,
    category: doc.category,
    status: doc.status,
    submittedAt: doc.submittedAt,
    acceptanceDue: doc.acceptanceDue,
    acceptedAt: doc.acceptedAt,
    acceptedBy: doc.acceptedBy,
    concludedAt: doc.concludedAt,
    concludedBy: doc.concludedBy,
    withdrawnAt: doc.withdrawnAt,
    transfers: doc.transfers.map(({ from, to, by, at }) => ({ from, to, by, at })),
  };
}

/**
 * Clue hand-over: submit, view, accept, conclude, transfer, lists. Every rule of
 * who may see what is applied here, not in the bots; every view of details and
 * every change is written to the audit log.
 */
export class ClueService {
  readonly audit: ClueAuditLog;
  readonly attachments: ClueAttachments;
  private readonly router: ClueRouter;
  /** The agencies a clue can go to, by every name (src/domain/names) and their route's label. */
  private readonly routeNames: NameIndex<Agency>;

  constructor(private readonly deps: ClueServiceDeps) {
    this.audit = new ClueAuditLog(deps.cipher, deps.clueAudit);
    this.attachments = deps.attachments;
    this.router = createClueRouter(deps.routing, deps.routing.examples);
    const routes = deps.org.agencies.filter((a) => (CLUE_ROUTES as readonly string[]).includes(a.code));
    this.routeNames = agencyIndex(routes, (a) => [deps.routing.routes[a.code as ClueRoute].label]);
  }

  route(draft: Pick<ClueDraft, 'facts' | 'subject' | 'timePlace'>): RoutingResult {
    return this.router([draft.facts, draft.subject, draft.timePlace].filter(Boolean).join('\n'));
  }

  /** A draft (of a clue, or of a 补充) as its session keeps it: sealed. */
  sealDraft(draft: object): EncryptedField {
    return this.deps.cipher.encrypt(JSON.stringify(draft), 'clue-draft');
  }

  openDraft<D = ClueDraft>(sealed: EncryptedField): D {
    return JSON.parse(this.deps.cipher.decrypt(sealed, 'clue-draft')) as D;
  }

  /** The categories of a route, for the officer to choose from. */
  categoriesOf(route: ClueRoute): string[] {
    return [...this.deps.routing.routes[route].categories];
  }

  /** The route an answer names (any name of the agency, or the route's label), or null. */
  resolveRoute(text: string): ClueRoute | null {
    const match = this.routeNames.match(text);
    return match.kind === 'found' ? (match.entry.value.code as ClueRoute) : null;
  }

  /**
   * Saves a confirmed draft (its route chosen) and tells the receiving agency. Confirming one draft twice stores it once.
   * The clue is stored unannounced first: if the notice or the audit line is then cut off, announceInterrupted writes them.
   */
  async submit(sender: Person, draft: ConfirmedDraft, channel: string): Promise<ClueSummary> {
    const now = this.deps.clock.now();
    const year = Number(localDateOf(now).slice(0, 4));
    const { clue, added } = await this.deps.clues.addOnce(draft.id, year, now, (seq) => this.newClue(sender, draft, now, year, seq));
    if (added) await this.announce(clue, channel, now);
    return summaryOf(clue);
  }

  /**
   * The resume job: clues stored more than a lease ago whose notice or audit line was cut off by a
   * crash or a transient error get them now (the notice is keyed, the audit line written once).
   */
  async announceInterrupted(at: Date): Promise<number> {
    const cutOff = await this.deps.clues.unannounced(new Date(at.getTime() - ANNOUNCE_LEASE_MS));
    for (const clue of cutOff) {
      const reporter = this.openReporter(clue);
      await this.announce(clue, reporter.channel, clue.submittedAt);
    }
    return cutOff.length;
  }

  /** The 'submit' audit line (unless written already) and the receiving agency's notice, then the clue marked announced. */
  private async announce(clue: ClueDoc, channel: string, at: Date): Promise<void> {
    if (!(await this.audit.has(clue.number, 'submit'))) await this.audit.append(clue.number, 'submit', this.openReporter(clue), channel, at);
    await this.notifyReceivingAgency(clue, 0);
    await this.deps.clues.markAnnounced(clue.number);
  }

  /** The clue of a draft, numbered and sealed. */
  private newClue(sender: Person, draft: ConfirmedDraft, now: Date, year: number, seq: number): ClueDoc {
    const today = localDateOf(now);
    const { cipher } = this.deps;
    const reporter: Reporter = actorOf(sender);
    const sealedTexts = Object.fromEntries(SEALED_TEXT_FIELDS.filter((field) => draft[field]).map((field) => [field, cipher.encrypt(draft[field]!, field)]));
    return {
      number: formatClueNumber({ year, seq }),
      year,
      seq,
      draftId: draft.id,
      route: draft.route,
      category: draft.category,
      status: 'submitted',
      anonymous: draft.anonymous,
      submitterTag: cipher.blindIndex(personKey(sender)),
      reporter: cipher.encrypt(JSON.stringify(reporter), 'reporter'),
      ...(sealedTexts as Pick<ClueDoc, 'facts'>),
      attachments: sealAttachments(cipher, draft.attachments),
      submittedAt: now,
      month: today.slice(0, 7),
      ...this.acceptanceWindow(now),
      transfers: [],
      version: 0,
      announced: false,
    };
  }

  /** 线索 XS-…: details, status only, or refused, per the confidentiality rules; details are audited. */
  async lookup(viewer: Person, number: string, channel: string): Promise<ClueLookup> {
    const doc = await this.deps.clues.find(number);
    if (!doc) throw new Refusal(CLUE_NOT_AVAILABLE);
    const reporter = this.openReporter(doc);
    const view = decideClueView(clueViewer(this.deps.org, viewer, personKey(viewer)), {
      route: doc.route,
      anonymous: doc.anonymous,
      submitterKey: personKey(reporter),
    });
    if (view.level === 'refused') throw new Refusal(CLUE_NOT_AVAILABLE);
    if (view.level === 'status') return { level: 'status', clue: summaryOf(doc) };
    await this.audit.append(number, 'view', actorOf(viewer), channel, this.deps.clock.now());
    return { level: 'details', clue: this.details(doc, view.reporter ? reporter : undefined) };
  }

  /**
   * 为什么 XS-…: how the router reads the clue now, for its submitter and the receiving agency
   * (others are refused like a missing number). The words come from the facts: audited as a view.
   */
  async explainRouting(viewer: Person, number: string, channel: string): Promise<{ clue: ClueSummary; routing: RoutingResult }> {
    const doc = await this.deps.clues.find(number);
    const submitter = doc?.submitterTag === this.deps.cipher.blindIndex(personKey(viewer));
    if (!doc || !(submitter || this.mayHandle(viewer, doc))) throw new Refusal(CLUE_NOT_AVAILABLE);
    await this.audit.append(number, 'view', actorOf(viewer), channel, this.deps.clock.now());
    const open = (field: 'facts' | 'subject' | 'timePlace') => doc[field] && this.deps.cipher.decrypt(doc[field], field);
    return { clue: summaryOf(doc), routing: this.route({ facts: open('facts')!, subject: open('subject'), timePlace: open('timePlace') }) };
  }

  async accept(actor: Person, number: string, channel: string): Promise<ClueSummary> {
    return this.change(actor, number, channel, 'accept', HANDLER_RULES.accept, (now) => ({
      set: { status: 'accepted', acceptedAt: now, acceptedBy: actorOf(actor) },
    }));
  }

  async conclude(actor: Person, number: string, result: string, channel: string): Promise<ClueSummary> {
    return this.change(actor, number, channel, 'conclude', HANDLER_RULES.conclude, (now) => ({
      set: { status: 'concluded', concludedAt: now, concludedBy: actorOf(actor), result: this.deps.cipher.encrypt(result, 'result') },
    }));
  }

  /** 补充: the submitter adds material to their clue until it is concluded; the receiving agency is told. */
  async supplement(actor: Person, number: string, text: string, channel: string, attachments: AttachmentRef[] = []): Promise<ClueSummary> {
    return this.change(actor, number, channel, 'supplement', SUBMITTER_RULES.supplement, (now) => ({
      set: {},
      supplement: {
        at: now,
        ...(text && { text: this.deps.cipher.encrypt(text, 'supplement') }),
        ...(attachments.length && { attachments: sealAttachments(this.deps.cipher, attachments, 'supplement-attachments') }),
      },
    }));
  }

  /** 撤回: the submitter withdraws their clue before it is accepted; the receiving agency is told. */
  async withdraw(actor: Person, number: string, reason: string, channel: string): Promise<ClueSummary> {
    return this.change(actor, number, channel, 'withdraw', SUBMITTER_RULES.withdraw, (now) => ({
      set: { status: 'withdrawn', withdrawnAt: now, withdrawReason: this.deps.cipher.encrypt(reason, 'withdrawReason') },
    }));
  }

  /** 转办: the clue goes to another of the three agencies, waits for its acceptance again, and the change is recorded. */
  async transfer(actor: Person, number: string, agencyText: string, reason: string, channel: string): Promise<ClueSummary> {
    const doc = await this.deps.clues.find(number);
    if (!doc || !this.mayHandle(actor, doc)) throw new Refusal(CLUE_NOT_AVAILABLE);
    const to = resolveAgency(this.routeNames, agencyText).code as ClueRoute;
    if (to === doc.route) throw new Refusal(texts.sameRouteRefusal(number, this.agencyName(doc.route)));
    const routing = this.route({
      facts: this.deps.cipher.decrypt(doc.facts, 'facts'),
      subject: doc.subject && this.deps.cipher.decrypt(doc.subject, 'subject'),
    });
    const category = routing.categories[to];
    return this.change(actor, number, channel, 'transfer', HANDLER_RULES.transfer, (now, before) => ({
      set: {
        route: to,
        category,
        status: 'submitted',
        ...this.acceptanceWindow(now),
      },
      unset: ['acceptedAt', 'acceptedBy'],
      transfer: { from: before.route, to, reason: this.deps.cipher.encrypt(reason, 'transferReason'), by: actorOf(actor), at: now },
    }));
  }

  /** 我的线索: a page of the sender's own clues, newest first. */
  async mine(person: Person, page = 1): Promise<Paged<ClueSummary>> {
    const tags = this.deps.cipher.blindIndexes(personKey(person));
    return readPage(page, async (skip, limit) => (await this.deps.clues.bySubmitter(tags, skip, limit)).map(summaryOf));
  }

  /** 待办: a page of the clues waiting for the sender's agency to accept or conclude, oldest first. Empty outside jw, jcy and sfj. */
  async pending(person: Person, page = 1): Promise<Paged<ClueSummary>> {
    const route = CLUE_ROUTES.find((r) => r === person.agency);
    return readPage(page, async (skip, limit) => (route ? (await this.deps.clues.open(route, skip, limit)).map(summaryOf) : []));
  }

  /**
   * Reminds the receiving agency's organizers, once per routing, of every clue still
   * not accepted after its acceptance period. Safe to run every minute and on
   * several instances: the outbox key makes a repeat a no-op.
   */
  async remindOverdueAcceptance(at: Date): Promise<number> {
    const overdue = await this.deps.clues.dueForAcceptanceReminder(at);
    for (const doc of overdue) {
      const late = at.getTime() - doc.acceptanceRemindAt.getTime() > this.deps.lateAfterMinutes * 60_000;
      await this.deps.notifier.toAgency(
        doc.route,
        this.deps.org.audience('clueAcceptanceOverdue'),
        `clue:${doc.number}:acceptance-overdue:${doc.transfers.length}`,
        texts.acceptanceOverdueNotice(doc, describePeriod(this.deps.acceptancePeriod)),
        { late },
      );
      // Keyed on the routing it was for: a 转办 in between starts a fresh window that must not be marked.
      await this.deps.clues.markAcceptanceReminded(doc);
    }
    return overdue.length;
  }

  /** The acceptance period starting today, and when (next working day after it, at reminder time) a clue still not accepted reminds. */
  private acceptanceWindow(now: Date): Pick<ClueDoc, 'acceptanceDue' | 'acceptanceRemindAt' | 'acceptanceReminded'> {
    const { due } = computeDeadline(localDateOf(now), this.deps.acceptancePeriod, this.deps.calendar);
    return {
      acceptanceDue: due,
      acceptanceRemindAt: instantAt(onOrNextWorkingDay(addDays(due, 1), this.deps.calendar), this.deps.reminderTime),
      acceptanceReminded: false,
    };
  }

  agencyName(code: string): string {
    return this.deps.org.name(code);
  }

  private mayHandle(actor: Person, doc: ClueDoc): boolean {
    return mayHandleClue(clueViewer(this.deps.org, actor, personKey(actor)), {
      route: doc.route,
      anonymous: doc.anonymous,
      submitterKey: personKey(this.openReporter(doc)),
    });
  }

  /** Whether the person submitted the clue. */
  private isSubmitter(actor: Person, doc: ClueDoc): boolean {
    return personKey(this.openReporter(doc)) === personKey(actor);
  }

  /**
   * One state change, allowed only to whom `rules` names and from its statuses, and applied once per
   * version; then audit and tell whom it concerns (the submitter of a handler's change, the agency of the submitter's).
   */
  private async change(
    actor: Person,
    number: string,
    channel: string,
    action: ClueChangeAction,
    rules: ChangeRules,
    change: (now: Date, before: ClueDoc) => ClueChange,
  ): Promise<ClueSummary> {
    const allowed = (doc: ClueDoc) => (rules.by === 'submitter' ? this.isSubmitter(actor, doc) : this.mayHandle(actor, doc));
    const refusal = (status: ClueStatus) =>
      rules.by === 'submitter' ? texts.submitterRefusal(action as SubmitterAction, number, status) : texts.wrongStatusRefusal(number, status);
    const before = await this.deps.clues.find(number);
    if (!before || !allowed(before)) throw new Refusal(CLUE_NOT_AVAILABLE);
    if (!rules.from.includes(before.status)) throw new Refusal(refusal(before.status));
    const now = this.deps.clock.now();
    const outcome = await this.deps.clues.change(number, before.version, change(now, before), now);
    if (!outcome.applied) {
      const { current, busy } = outcome;
      if (!current || !allowed(current)) throw new Refusal(CLUE_NOT_AVAILABLE);
      throw new Refusal(busy ? texts.busyRefusal(number) : refusal(current.status));
    }
    const after = outcome.clue;
    await this.audit.append(number, action, actorOf(actor), channel, now);
    if (action === 'supplement' || action === 'withdraw') await this.notifyAgencyOfSubmitter(after, action);
    else await this.notifySubmitter(after, action);
    if (action === 'transfer') await this.notifyReceivingAgency(after, after.transfers.length);
    return summaryOf(after);
  }

  private openReporter(doc: ClueDoc): Reporter {
    return JSON.parse(this.deps.cipher.decrypt(doc.reporter, 'reporter')) as Reporter;
  }

  private details(doc: ClueDoc, reporter: Reporter | undefined): ClueDetails {
    const { cipher } = this.deps;
    const open = (field: EncryptedField | undefined, context: string) => (field ? cipher.decrypt(field, context) : undefined);
    return {
      ...summaryOf(doc),
      facts: cipher.decrypt(doc.facts, 'facts'),
      subject: open(doc.subject, 'subject'),
      timePlace: open(doc.timePlace, 'timePlace'),
      evidence: open(doc.evidence, 'evidence'),
      attachments: openAttachments(cipher, doc.attachments),
      anonymous: doc.anonymous,
      result: open(doc.result, 'result'),
      transferReasons: doc.transfers.map((t) => cipher.decrypt(t.reason, 'transferReason')),
      supplements: (doc.supplements ?? []).map((s) => ({
        at: s.at,
        text: open(s.text, 'supplement'),
        attachments: openAttachments(cipher, s.attachments, 'supplement-attachments'),
      })),
      withdrawReason: open(doc.withdrawReason, 'withdrawReason'),
      reporter: reporter && { name: reporter.name, agency: this.agencyName(reporter.agency) },
    };
  }

  /** Officers and organizers of the receiving agency: number, category and how to view it — never facts, never reporter. */
  private async notifyReceivingAgency(doc: ClueDoc, routing: number): Promise<void> {
    await this.deps.notifier.toAgency(doc.route, this.deps.org.audience('newClue'), `clue:${doc.number}:routed:${routing}`, {
      title: '新线索',
      text: texts.routedNotice(doc, (code) => this.agencyName(code), doc.transfers[routing - 1]?.from),
      buttons: [`线索 ${doc.number}`, `受理 ${doc.number}`],
    });
  }

  /** The receiving agency hears of the submitter's 补充 and 撤回; the push names no facts. */
  private async notifyAgencyOfSubmitter(doc: ClueDoc, action: SubmitterAction): Promise<void> {
    await this.deps.notifier.toAgency(
      doc.route,
      this.deps.org.audience('newClue'),
      `clue:${doc.number}:${action}:v${doc.version}`,
      texts.submitterActionNotice(action, doc),
    );
  }

  /** The submitter hears of every change on their own channel; the push names no facts. */
  private async notifySubmitter(doc: ClueDoc, action: HandlerAction): Promise<void> {
    const reporter = this.openReporter(doc);
    const person = await this.deps.roster.find(reporter.channel as Person['channel'], reporter.userId);
    if (!person) return;
    await this.deps.notifier.toPeople(
      [person],
      `clue:${doc.number}:${action}:${doc.transfers.length}:submitter`,
      texts.submitterNotice(action, doc, (code) => this.agencyName(code)),
    );
  }
}
