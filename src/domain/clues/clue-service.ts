import type { Clock } from '../../kernel/clock';
import { CLUE_ROUTES, type ClueRoute, type RoutingConfig } from '../../config/routing';
import { ClueModel } from '../../store/mongo/models/clue';
import type { ClueActor, ClueDoc, ClueStatus } from '../../store/clues';
import type { Person } from '../../kernel/people';
import { claim, claimAttempt } from '../../store/mongo/claims';
import type { SequenceStore } from '../../store/sequences';
import { addDays, computeDeadline, describePeriod, instantAt, localDateOf, onOrNextWorkingDay, type Period, type WorkingCalendar } from '../deadlines';
import type { Notifier } from '../notifier';
import type { RosterService } from '../roster/roster-service';
import { CLUE_NOT_AVAILABLE, clueViewer, decideClueView, mayHandleClue } from './access';
import type { Organization } from '../organization';
import { Refusal } from '../errors';
import { ClueAuditLog } from './audit';
import type { EncryptedField, FieldCipher } from '../../kernel/field-cipher';
import { formatClueNumber } from './numbers';
import * as texts from './texts';
import { createClueRouter, normalizeForMatching, UNCATEGORIZED, type RoutingResult } from './routing';

/** What an officer reports: sealed at rest, shown only to those the rules allow. */
interface ClueContent {
  facts: string;
  subject?: string;
  timePlace?: string;
  evidence?: string;
  mediaIds: string[];
  anonymous: boolean;
}

/** What an officer tells the wizard. Lives sealed in the session until 确认. */
export interface ClueDraft extends ClueContent {
  id: string;
  route?: ClueRoute;
  category?: string;
}

/** Number, route, category, status and dates: what anyone allowed to know of a clue may see. */
export interface ClueSummary {
  number: string;
  route: ClueRoute;
  category: string;
  status: ClueStatus;
  submittedAt: Date;
  acceptanceDue: string;
  acceptedAt?: Date;
  acceptedBy?: ClueActor;
  concludedAt?: Date;
  concludedBy?: ClueActor;
  transfers: Array<{ from: ClueRoute; to: ClueRoute; by: ClueActor; at: Date }>;
}

export interface ClueDetails extends ClueSummary, ClueContent {
  result?: string;
  transferReasons: string[];
  /** Absent when the viewer may not know who reported it. */
  reporter?: { name: string; agency: string };
}

export type ClueLookup = { level: 'details'; clue: ClueDetails } | { level: 'status'; clue: ClueSummary };

export interface ClueServiceDeps {
  sequences: SequenceStore;
  cipher: FieldCipher;
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

const SEALED_TEXT_FIELDS = ['facts', 'subject', 'timePlace', 'evidence'] as const;
const LIST_LIMIT = 20;
const DRAFT_WAIT_ATTEMPTS = 100;
const DRAFT_WAIT_MS = 50;
/** Far above a normal submission: a draft claim held longer was left by a dead process. */
const DRAFT_LEASE_MS = 10_000;

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
  private readonly router: (text: string) => RoutingResult;

  constructor(private readonly deps: ClueServiceDeps) {
    this.audit = new ClueAuditLog(deps.cipher);
    this.router = createClueRouter(deps.routing);
  }

  route(draft: Pick<ClueDraft, 'facts' | 'subject' | 'timePlace'>): RoutingResult {
    return this.router([draft.facts, draft.subject, draft.timePlace].filter(Boolean).join('\n'));
  }

  sealDraft(draft: ClueDraft): EncryptedField {
    return this.deps.cipher.encrypt(JSON.stringify(draft), 'clue-draft');
  }

  openDraft(sealed: EncryptedField): ClueDraft {
    return JSON.parse(this.deps.cipher.decrypt(sealed, 'clue-draft')) as ClueDraft;
  }

  /** The route a 转办 names: a code, an agency name or short name, or the route's label. */
  resolveRoute(text: string): ClueRoute | null {
    const wanted = normalizeForMatching(text);
    return (
      CLUE_ROUTES.find((route) => {
        const agency = this.deps.org.agency(route);
        const names = [route, agency?.name, agency?.shortName, this.deps.routing.routes[route].label];
        return names.some((name) => name !== undefined && normalizeForMatching(name) === wanted);
      }) ?? null
    );
  }

  /** Saves a confirmed draft (its route chosen) and tells the receiving agency. Confirming one draft twice stores it once. */
  async submit(sender: Person, draft: ClueDraft & { route: ClueRoute; category: string }, channel: string): Promise<ClueSummary> {
    const now = this.deps.clock.now();
    // 确认 tapped twice at once: the first takes the draft, the second answers with its clue.
    // A holder that died before storing it gives the draft up after the lease.
    if (!(await claimAttempt(`clue-draft:${draft.id}`, now, DRAFT_LEASE_MS))) return summaryOf(await this.awaitDraft(draft.id));
    const stored = await ClueModel.findOne({ draftId: draft.id }).lean<ClueDoc>();
    if (stored) return summaryOf(stored);

    const today = localDateOf(now);
    const year = Number(today.slice(0, 4));
    const seq = await this.deps.sequences.next(`XS-${year}`, this.deps.clock.now());
    const number = formatClueNumber({ year, seq });
    const { cipher } = this.deps;
    const reporter: Reporter = actorOf(sender);
    const sealedTexts = Object.fromEntries(SEALED_TEXT_FIELDS.filter((field) => draft[field]).map((field) => [field, cipher.encrypt(draft[field]!, field)]));
    const doc: ClueDoc = {
      number,
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
      mediaIds: draft.mediaIds.length ? cipher.encrypt(JSON.stringify(draft.mediaIds), 'mediaIds') : undefined,
      submittedAt: now,
      month: today.slice(0, 7),
      ...this.acceptanceWindow(now),
      transfers: [],
      version: 0,
    };
    await ClueModel.create(doc);
    await this.audit.append(number, 'submit', reporter, channel, now);
    await this.notifyReceivingAgency(doc, 0);
    return summaryOf(doc);
  }

  private async awaitDraft(draftId: string): Promise<ClueDoc> {
    for (let attempt = 0; attempt < DRAFT_WAIT_ATTEMPTS; attempt++) {
      const doc = await ClueModel.findOne({ draftId }).lean<ClueDoc>();
      if (doc) return doc;
      await new Promise((resolve) => setTimeout(resolve, DRAFT_WAIT_MS));
    }
    throw new Error('a confirmed clue draft was not stored');
  }

  /** 线索 XS-…: details, status only, or refused, per the confidentiality rules; details are audited. */
  async lookup(viewer: Person, number: string, channel: string): Promise<ClueLookup> {
    const doc = await ClueModel.findOne({ number }).lean<ClueDoc>();
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

  async accept(actor: Person, number: string, channel: string): Promise<ClueSummary> {
    return this.change(actor, number, channel, 'accept', ['submitted'], (now) => ({
      $set: { status: 'accepted', acceptedAt: now, acceptedBy: actorOf(actor) },
    }));
  }

  async conclude(actor: Person, number: string, result: string, channel: string): Promise<ClueSummary> {
    return this.change(actor, number, channel, 'conclude', ['accepted'], (now) => ({
      $set: { status: 'concluded', concludedAt: now, concludedBy: actorOf(actor), result: this.deps.cipher.encrypt(result, 'result') },
    }));
  }

  /** 转办: the clue goes to another of the three agencies, waits for its acceptance again, and the change is recorded. */
  async transfer(actor: Person, number: string, agencyText: string, reason: string, channel: string): Promise<ClueSummary> {
    const doc = await ClueModel.findOne({ number }).lean<ClueDoc>();
    if (!doc || !this.mayHandle(actor, doc)) throw new Refusal(CLUE_NOT_AVAILABLE);
    const to = this.resolveRoute(agencyText);
    if (!to) throw new Refusal(texts.unknownRouteRefusal(CLUE_ROUTES.map((code) => this.agencyName(code))));
    if (to === doc.route) throw new Refusal(texts.sameRouteRefusal(number, this.agencyName(doc.route)));
    const routing = this.route({
      facts: this.deps.cipher.decrypt(doc.facts, 'facts'),
      subject: doc.subject && this.deps.cipher.decrypt(doc.subject, 'subject'),
    });
    const category = routing.kind === 'higher-level' ? UNCATEGORIZED : routing.categories[to];
    return this.change(actor, number, channel, 'transfer', ['submitted', 'accepted'], (now, before) => ({
      $set: {
        route: to,
        category,
        status: 'submitted',
        ...this.acceptanceWindow(now),
      },
      $unset: { acceptedAt: 1, acceptedBy: 1 },
      $push: { transfers: { from: before.route, to, reason: this.deps.cipher.encrypt(reason, 'transferReason'), by: actorOf(actor), at: now } },
    }));
  }

  /** 我的线索: the sender's own clues, newest first. */
  async mine(person: Person): Promise<ClueSummary[]> {
    const docs = await ClueModel.find({ submitterTag: { $in: this.deps.cipher.blindIndexes(personKey(person)) } })
      .sort({ submittedAt: -1 })
      .limit(LIST_LIMIT)
      .lean<ClueDoc[]>();
    return docs.map(summaryOf);
  }

  /** 待办: clues waiting for the sender's agency to accept or conclude, oldest first. Empty outside jw, jcy and sfj. */
  async pending(person: Person): Promise<ClueSummary[]> {
    const route = CLUE_ROUTES.find((r) => r === person.agency);
    if (!route) return [];
    const docs = await ClueModel.find({ route, status: { $in: ['submitted', 'accepted'] } })
      .sort({ submittedAt: 1 })
      .limit(LIST_LIMIT)
      .lean<ClueDoc[]>();
    return docs.map(summaryOf);
  }

  /**
   * Reminds the receiving agency's organizers, once per routing, of every clue still
   * not accepted after its acceptance period. Safe to run every minute and on
   * several instances: the outbox key makes a repeat a no-op.
   */
  async remindOverdueAcceptance(at: Date): Promise<number> {
    const overdue = await ClueModel.find({ status: 'submitted', acceptanceReminded: false, acceptanceRemindAt: { $lte: at } })
      .sort({ acceptanceRemindAt: 1 })
      .lean<ClueDoc[]>();
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
      await ClueModel.updateOne({ number: doc.number, acceptanceRemindAt: doc.acceptanceRemindAt, route: doc.route }, { $set: { acceptanceReminded: true } });
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

  /** One atomic state change, allowed only from `from` statuses; then audit and tell whom it concerns. */
  private async change(
    actor: Person,
    number: string,
    channel: string,
    action: 'accept' | 'conclude' | 'transfer',
    from: ClueStatus[],
    update: (now: Date, before: ClueDoc) => { $set: Record<string, unknown> } & Record<string, unknown>,
  ): Promise<ClueSummary> {
    const before = await ClueModel.findOne({ number }).lean<ClueDoc>();
    if (!before || !this.mayHandle(actor, before)) throw new Refusal(CLUE_NOT_AVAILABLE);
    if (!from.includes(before.status)) throw new Refusal(texts.wrongStatusRefusal(number, before.status));
    const now = this.deps.clock.now();
    // One change per version, decided by a unique insert: FerretDB 1.x does not apply a
    // conditional update atomically, so two concurrent 受理 could otherwise both pass.
    const won = await claim(`clue:${number}:v${before.version}`, action, now);
    if (!won.won) {
      const current = await ClueModel.findOne({ number }).lean<ClueDoc>();
      throw new Refusal(current && this.mayHandle(actor, current) ? texts.wrongStatusRefusal(number, current.status) : CLUE_NOT_AVAILABLE);
    }
    const operations = update(now, before);
    operations.$set = { ...operations.$set, version: before.version + 1 };
    const after = await ClueModel.findOneAndUpdate({ number }, operations, { returnDocument: 'after' }).lean<ClueDoc>();
    if (!after) throw new Refusal(CLUE_NOT_AVAILABLE);
    await this.audit.append(number, action, actorOf(actor), channel, now);
    await this.notifySubmitter(after, action);
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
      mediaIds: doc.mediaIds ? (JSON.parse(cipher.decrypt(doc.mediaIds, 'mediaIds')) as string[]) : [],
      anonymous: doc.anonymous,
      result: open(doc.result, 'result'),
      transferReasons: doc.transfers.map((t) => cipher.decrypt(t.reason, 'transferReason')),
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

  /** The submitter hears of every change on their own channel; the push names no facts. */
  private async notifySubmitter(doc: ClueDoc, action: 'accept' | 'conclude' | 'transfer'): Promise<void> {
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
