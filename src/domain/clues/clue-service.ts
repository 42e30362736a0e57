import type { Clock } from '../../kernel/clock';
import { CLUE_ROUTES, type ClueRoute, type RoutingConfig } from '../../config/routing';
import {
  ANNOUNCE_LEASE_MS,
  type ClueActor,
  type SealedActor,
  type ClueAlert,
  type ClueChange,
  type ClueChangeAction,
  type ClueDoc,
  type ClueStatus,
  type ClueStore,
} from '../../store/clues';
import type { ClueAuditStore } from '../../store/clue-audit';
import type { ClueSearchQuery } from '../../store/clues';
import type { Person } from '../../kernel/people';
import { addDays, computeDeadline, describePeriod, instantAt, localDateOf, onOrNextWorkingDay, type Period, type WorkingCalendar } from '../deadlines';
import type { Notifier } from '../notifier';
import type { RosterService } from '../roster/roster-service';
import { CLUE_NOT_AVAILABLE, type ClueAccessFacts, clueViewer, decideClueView, mayHandleClue } from './access';
import type { Organization } from '../organization';
import { Refusal } from '../errors';
import { readPage, type Paged } from '../paging';
import { ClueAuditLog, type AuditActor } from './audit';
import { markContentOwner } from '../../kernel/content-owners';
import { alsoHolding } from '../../kernel/held-keyrings';
import { ClueDecryptError, FieldCipher, Keyring, type AgencyKeys, type EncryptedField } from '../../kernel/field-cipher';
import { formatClueNumber } from './numbers';
import { CaseworkClock, transferReason } from './casework';
import type { CaseworkConfig } from '../../config/casework';
import * as texts from './texts';
import type { ClueDetails, ClueDraft, ClueLookup, ClueSummary, ConfirmedDraft, SearchableClue } from './types';
import { agencyIndex, resolveAgency, resolvePerson, type NameIndex } from '../names';
import type { Agency } from '../../config/agencies';
import type { AttachmentRef, ClueAttachments } from './attachments';
import { createClueRouter, type ClueRouter, type RoutingResult } from './routing';
import { toOutgoing, type OutgoingMessage } from '../../kernel/messages';
import { lateMark, reminderMoment, type LiveRendering } from '../deadlines/reminder-runner';

/** The renderers of casework alerts and acceptance reminders in the outbox sender (src/scheduler/live-messages.ts). */
const CLUE_ALERT = 'clue-alert';
const CLUE_ACCEPTANCE = 'clue-acceptance';

/** What a casework alert row keeps to be written again: the clue, the alert and due day it was for, and when it was due. */
interface LiveClueAlert {
  number: string;
  alert: ClueAlert;
  dueDay: string;
  plannedAt: string;
}

export interface ClueServiceDeps {
  clues: ClueStore;
  clueAudit: ClueAuditStore;
  /** The county cipher: drafts, the submitter's blind index, who handled a clue (承办人) and the audit actors. */
  cipher: FieldCipher;
  /** Per-agency keys: a clue's facts, reporter and every text of it are sealed under the receiving agency's key. */
  keys: AgencyKeys;
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
  /** Handling periods, 退回补充, transfer limit and reasons (config/casework.yaml). */
  casework: CaseworkConfig;
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
  by: 'handler' | 'submitter' | 'coordinator';
  from: readonly ClueStatus[];
}

const HANDLER_RULES: Record<Exclude<HandlerAction, 'decide'>, ChangeRules> = {
  accept: { by: 'handler', from: ['submitted'] },
  assign: { by: 'handler', from: ['accepted'] },
  conclude: { by: 'handler', from: ['accepted'] },
  transfer: { by: 'handler', from: ['submitted', 'accepted'] },
  return: { by: 'handler', from: ['submitted', 'accepted'] },
  dispute: { by: 'handler', from: ['submitted', 'accepted'] },
};
/** The coordinating agency decides a dispute, whoever holds the clue. */
const DECIDE_RULES: ChangeRules = { by: 'coordinator', from: ['submitted', 'accepted'] };

const SUBMITTER_RULES: Record<SubmitterAction, ChangeRules> = {
  supplement: { by: 'submitter', from: ['submitted', 'accepted'] },
  withdraw: { by: 'submitter', from: ['submitted'] },
};

/** 待办 shows at most this many disputes to decide (there are few: each is a clue past the transfer limit). */
const DISPUTES_SHOWN = 20;
const SEALED_TEXT_FIELDS = ['facts', 'subject', 'timePlace', 'evidence'] as const;

function sealAttachments(cipher: FieldCipher, refs: AttachmentRef[], context = 'attachments'): EncryptedField | undefined {
  return refs.length ? cipher.encrypt(JSON.stringify(refs), context) : undefined;
}

function openAttachments(cipher: FieldCipher, sealed: EncryptedField | undefined, context = 'attachments'): AttachmentRef[] {
  return sealed ? (JSON.parse(openAs(cipher, sealed, context)) as AttachmentRef[]) : [];
}

/** A clue's text opened on a reader's path: a key the reader's keyring does not hold reads like a missing number. */
function openAs(cipher: FieldCipher, sealed: EncryptedField, context: string): string {
  try {
    return cipher.decrypt(sealed, context);
  } catch (err) {
    if (err instanceof ClueDecryptError) throw new Refusal(CLUE_NOT_AVAILABLE);
    throw err;
  }
}

/** Clues read per page by `keys reencrypt`. */
const RESEAL_BATCH = 50;

function pickKeys<T extends object>(value: T, keys: string[]): Partial<T> {
  return Object.fromEntries(keys.map((key) => [key, value[key as keyof T]])) as Partial<T>;
}

export function personKey(person: { channel: string; userId: string }): string {
  return `${person.channel}:${person.userId}`;
}

function actorOf(person: Person): ClueActor {
  return { channel: person.channel, userId: person.userId, name: person.name, agency: person.agency };
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
  private readonly clock: CaseworkClock;

  constructor(private readonly deps: ClueServiceDeps) {
    this.clock = new CaseworkClock(deps.casework, deps.calendar, deps.reminderTime);
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
  /** A draft routed to an agency makes its exchange (reply, session) sealed under that agency's key; before routing, the county's. */
  sealDraft(draft: object): EncryptedField {
    markRoute(draft);
    return this.deps.cipher.encrypt(JSON.stringify(draft), 'clue-draft');
  }

  openDraft<D = ClueDraft>(sealed: EncryptedField): D {
    const draft = JSON.parse(this.deps.cipher.decrypt(sealed, 'clue-draft')) as D;
    markRoute(draft);
    return draft;
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
    if (added) await this.announce(clue, channel, now, actorOf(sender));
    return this.summaryOf(clue);
  }

  /**
   * The resume job: clues stored more than a lease ago whose notice or audit line was cut off by a
   * crash or a transient error get them now (the notice is keyed, the audit line written once).
   */
  async announceInterrupted(at: Date): Promise<number> {
    const cutOff = await this.deps.clues.unannounced(new Date(at.getTime() - ANNOUNCE_LEASE_MS));
    for (const clue of cutOff) {
      const reporter = this.openReporter(clue);
      await this.announce(clue, reporter.channel, clue.submittedAt, reporter);
    }
    return cutOff.length;
  }

  /** The 'submit' audit line (unless written already) and the receiving agency's notice, then the clue marked announced. */
  private async announce(clue: ClueDoc, channel: string, at: Date, reporter: Reporter): Promise<void> {
    if (!(await this.audit.has(clue.number, 'submit'))) await this.audit.append(clue.number, 'submit', reporter, channel, at);
    await this.notifyReceivingAgency(clue, 0);
    await this.deps.clues.markAnnounced(clue.number);
  }

  /** The clue of a draft, numbered and sealed. */
  private newClue(sender: Person, draft: ConfirmedDraft, now: Date, year: number, seq: number): ClueDoc {
    const today = localDateOf(now);
    const { cipher } = this.deps;
    const owner = this.sealer(draft.route);
    const reporter: Reporter = actorOf(sender);
    const sealedTexts = Object.fromEntries(SEALED_TEXT_FIELDS.filter((field) => draft[field]).map((field) => [field, owner.encrypt(draft[field]!, field)]));
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
      reporter: owner.encrypt(JSON.stringify(reporter), 'reporter'),
      ...(sealedTexts as Pick<ClueDoc, 'facts'>),
      attachments: sealAttachments(owner, draft.attachments),
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
    const view = decideClueView(clueViewer(this.deps.org, viewer, personKey(viewer)), this.accessFacts(viewer, doc));
    if (view.level === 'refused') throw new Refusal(CLUE_NOT_AVAILABLE);
    if (view.level === 'status') return { level: 'status', clue: this.summaryOf(doc) };
    await this.audit.append(number, 'view', actorOf(viewer), channel, this.deps.clock.now());
    const clue = this.asReader(viewer, doc, (cipher) => this.details(doc, view.reporter ? this.openReporter(doc, cipher) : undefined, cipher));
    // The submitter outside the agency sees the stage, not who handles it (config/casework.yaml).
    const outside = viewer.agency !== doc.route && !this.deps.casework.assigneeVisibleToSubmitter;
    return { level: 'details', clue: outside ? { ...clue, acceptedBy: undefined, concludedBy: undefined, assignee: undefined } : clue };
  }

  /**
   * 为什么 XS-…: how the router reads the clue now, for its submitter and the receiving agency
   * (others are refused like a missing number). The words come from the facts: audited as a view.
   */
  async explainRouting(viewer: Person, number: string, channel: string): Promise<{ clue: ClueSummary; routing: RoutingResult }> {
    const doc = await this.deps.clues.find(number);
    if (!doc || !(this.submittedBy(viewer, doc) || this.mayHandle(viewer, doc))) throw new Refusal(CLUE_NOT_AVAILABLE);
    await this.audit.append(number, 'view', actorOf(viewer), channel, this.deps.clock.now());
    const routing = this.asReader(viewer, doc, (reader) => {
      const open = (field: 'facts' | 'subject' | 'timePlace') => doc[field] && openAs(reader, doc[field], field);
      return this.route({ facts: open('facts')!, subject: open('subject'), timePlace: open('timePlace') });
    });
    return { clue: this.summaryOf(doc), routing };
  }

  /**
   * Whether the person may release the clue as approved 调阅 material (src/domain/file-access): it is their agency's
   * (received by it) and the visibility policy lets them view it.
   */
  async releasable(person: Person, number: string): Promise<boolean> {
    const doc = await this.deps.clues.find(number);
    return !!doc && doc.route === person.agency && this.deps.org.visibility.canSee(person, 'clue', 'view', { parties: [doc.route] });
  }

  /**
   * A clue its agency released as approved 调阅 material, opened for the requester: its record, never who reported it
   * (detailsView `released`); audited as the requester's view through `file-access`. Null when it is no longer the
   * owner's (transferred since).
   */
  async released(owner: string, number: string, reader: AuditActor, at: Date): Promise<string | null> {
    const doc = await this.deps.clues.find(number);
    if (!doc || doc.route !== owner) return null;
    await this.audit.append(number, 'view', reader, 'file-access', at);
    // The approved 调阅 is the requester's reason to hold the owner's keyring for this record.
    return alsoHolding(owner, () => texts.detailsView(this.details(doc, undefined, this.sealer(owner)), (code) => this.agencyName(code), true));
  }

  /** 受理 [承办人]: the agency takes the clue; the assignee (default the sender) has the handling period to conclude it. */
  async accept(actor: Person, number: string, channel: string, assigneeText?: string): Promise<ClueSummary> {
    const assignee = assigneeText ? await this.colleague(actor, assigneeText) : actor;
    const clue = await this.change(actor, number, channel, 'accept', HANDLER_RULES.accept, (now, before) => ({
      set: {
        status: 'accepted',
        acceptedAt: now,
        acceptedBy: this.sealActor(actor),
        assignee: this.sealActor(assignee),
        ...this.clock.handling(before.route, now),
      },
    }));
    if (assignee.userId !== actor.userId || assignee.channel !== actor.channel) await this.notifyAssignee(clue, assignee);
    return clue;
  }

  /** 指派: the agency's organizer or leader names another 承办人. */
  async assign(actor: Person, number: string, assigneeText: string, channel: string): Promise<ClueSummary> {
    if (!this.deps.org.may(actor, 'assignClues')) throw new Refusal(texts.assignRefusal(this.rolesOf('assignClues')));
    const assignee = await this.colleague(actor, assigneeText);
    const clue = await this.change(actor, number, channel, 'assign', HANDLER_RULES.assign, () => ({ set: { assignee: this.sealActor(assignee) } }));
    await this.notifyAssignee(clue, assignee);
    return clue;
  }

  /** 退回补充: the question goes back to the submitter; their 补充 answers it. The clocks stop meanwhile when configured. */
  async returnForMore(actor: Person, number: string, question: string, channel: string): Promise<ClueSummary> {
    const current = await this.deps.clues.find(number);
    if (current?.returned && this.mayHandle(actor, current)) throw new Refusal(texts.alreadyReturnedRefusal(number));
    const pause = this.clock.pausesWhileReturned;
    return this.change(actor, number, channel, 'return', HANDLER_RULES.return, (now, before) => ({
      set: { returned: { at: now, question: this.sealer(before.route).encrypt(question, 'returnQuestion') }, ...(pause && { acceptanceReminded: true }) },
      unset: pause ? ['alertAt', 'alert'] : [],
    }));
  }

  /** A person of the actor's agency who may handle clues, by name (src/domain/names). */
  private async colleague(actor: Person, text: string): Promise<Person> {
    const members = await this.deps.roster.members(actor.agency, this.deps.org.rolesFor('handleClues'));
    return resolvePerson(members, text);
  }

  private rolesOf(permission: 'assignClues' | 'decideClueDisputes'): string {
    return this.deps.org
      .rolesFor(permission)
      .map((r) => this.deps.org.roleName(r))
      .join('、');
  }

  async conclude(actor: Person, number: string, result: string, channel: string): Promise<ClueSummary> {
    return this.change(actor, number, channel, 'conclude', HANDLER_RULES.conclude, (now, before) => ({
      set: { status: 'concluded', concludedAt: now, concludedBy: this.sealActor(actor), result: this.sealer(before.route).encrypt(result, 'result') },
    }));
  }

  /** 补充: the submitter adds material to their clue until it is concluded; the receiving agency is told. */
  async supplement(actor: Person, number: string, text: string, channel: string, attachments: AttachmentRef[] = []): Promise<ClueSummary> {
    return this.change(actor, number, channel, 'supplement', SUBMITTER_RULES.supplement, (now, before) => ({
      set: before.returned ? this.resumeAfterReturn(before, now) : {},
      unset: before.returned ? ['returned'] : [],
      supplement: {
        at: now,
        ...(text && { text: this.sealer(before.route).encrypt(text, 'supplement') }),
        ...(attachments.length && { attachments: sealAttachments(this.sealer(before.route), attachments, 'supplement-attachments') }),
      },
    }));
  }

  /** 撤回: the submitter withdraws their clue before it is accepted; the receiving agency is told. */
  async withdraw(actor: Person, number: string, reason: string, channel: string): Promise<ClueSummary> {
    return this.change(actor, number, channel, 'withdraw', SUBMITTER_RULES.withdraw, (now, before) => ({
      set: { status: 'withdrawn', withdrawnAt: now, withdrawReason: this.sealer(before.route).encrypt(reason, 'withdrawReason') },
    }));
  }

  /**
   * 转办: the clue goes to another of the three agencies, waits for its acceptance again, and the change is
   * recorded with its reason (one of config/casework.yaml's plus free text). Past the transfer limit it stays
   * where it is and the coordinating agency is asked to decide (`disputed` in the answer).
   */
  async transfer(actor: Person, number: string, agencyText: string, reasonText: string, channel: string): Promise<ClueSummary & { disputed: boolean }> {
    const doc = await this.deps.clues.find(number);
    if (!doc || !this.mayHandle(actor, doc)) throw new Refusal(CLUE_NOT_AVAILABLE);
    const to = resolveAgency(this.routeNames, agencyText).code as ClueRoute;
    if (to === doc.route) throw new Refusal(texts.sameRouteRefusal(number, this.agencyName(doc.route)));
    if (!HANDLER_RULES.transfer.from.includes(doc.status)) throw new Refusal(texts.wrongStatusRefusal(number, doc.status));
    if (doc.dispute) throw new Refusal(texts.disputePendingRefusal(number, this.agencyName(this.deps.org.part('justice')), doc.dispute.due));
    const reason = transferReason(reasonText, this.deps.casework.transferReasons, `转办 ${number} ${this.deps.org.shortName(to)} 1 <具体说明>`);
    const sealedReason = this.sealer(doc.route).encrypt(reason, 'transferReason');
    if (doc.transfers.length >= this.deps.casework.transferLimit) {
      const clue = await this.change(actor, number, channel, 'dispute', HANDLER_RULES.dispute, (now, before) => {
        const { due, ...alert } = this.clock.dispute(now);
        return { set: { dispute: { from: before.route, wanted: to, reason: sealedReason, by: this.sealActor(actor), at: now, due }, ...alert } };
      });
      return { ...clue, disputed: true };
    }
    const clue = await this.change(actor, number, channel, 'transfer', HANDLER_RULES.transfer, (now, before) =>
      this.moveTo(before, to, now, { reason: sealedReason, by: this.sealActor(actor) }),
    );
    return { ...clue, disputed: false };
  }

  /** 协调: the coordinating agency decides which agency handles a disputed clue (the one holding it, or another). */
  async decide(actor: Person, number: string, agencyText: string, channel: string): Promise<ClueSummary> {
    const doc = await this.deps.clues.find(number);
    if (!doc?.dispute || !this.mayDecide(actor)) throw new Refusal(texts.noDisputeRefusal(number));
    const to = resolveAgency(this.routeNames, agencyText).code as ClueRoute;
    const reason = this.sealer(doc.route).encrypt(`协调确定由${this.agencyName(to)}办理`, 'transferReason');
    // Deciding re-routes the clue by its facts and tells its submitter: the coordinator holds its agency's keyring for that.
    return alsoHolding(doc.route, () =>
      this.change(actor, number, channel, 'decide', DECIDE_RULES, (now, before) =>
        to === before.route
          ? { set: {}, unset: ['dispute', ...(before.status === 'accepted' ? [] : (['alertAt', 'alert'] as const))] }
          : this.moveTo(before, to, now, { reason, by: this.sealActor(actor) }),
      ),
    );
  }

  /** A clue moved to another agency: waiting for its acceptance again, its earlier acceptance, assignee, clocks and dispute forgotten. */
  private moveTo(before: ClueDoc, to: ClueRoute, now: Date, record: Pick<ClueDoc['transfers'][number], 'reason' | 'by'>): ClueChange {
    const owner = this.sealer(before.route);
    const routing = this.route({
      facts: owner.decrypt(before.facts, 'facts'),
      subject: before.subject && owner.decrypt(before.subject, 'subject'),
    });
    const unset = ['acceptedAt', 'acceptedBy', 'assignee', 'handlingDue', 'alertAt', 'alert', 'dispute', 'returned'] as const;
    // Everything the old agency's key sealed is sealed again under the new one's, with the transfer itself.
    const moved = this.resealed({ ...before, transfers: [...before.transfers, { from: before.route, to, ...record, at: now }] }, to);
    for (const field of unset) delete moved[field];
    return {
      set: { ...moved, route: to, category: routing.categories[to], status: 'submitted', ...this.acceptanceWindow(now) },
      unset: [...unset],
    };
  }

  /** Whether clues are routed to the agency (whose handlers then 受理, 办结, 转办 …). */
  receives(agency: string): boolean {
    return (CLUE_ROUTES as readonly string[]).includes(agency);
  }

  /** Whether the person decides disputes: the coordinating agency's, with the permission. */
  mayDecide(actor: Pick<Person, 'agency' | 'roles'>): boolean {
    return actor.agency === this.deps.org.part('justice') && this.deps.org.may(actor, 'decideClueDisputes');
  }

  /** The clocks after the submitter's answer to 退回补充: moved on by the days it waited, when they were stopped. */
  private resumeAfterReturn(before: ClueDoc, now: Date): ClueChange['set'] {
    if (!this.clock.pausesWhileReturned || !before.returned) return {};
    const since = before.returned.at;
    if (before.status === 'submitted') {
      const acceptanceDue = this.clock.resumed(before.acceptanceDue, since, now);
      return {
        acceptanceDue,
        acceptanceRemindAt: instantAt(onOrNextWorkingDay(addDays(acceptanceDue, 1), this.deps.calendar), this.deps.reminderTime),
        acceptanceReminded: false,
      };
    }
    if (!before.handlingDue) return {};
    const handlingDue = this.clock.resumed(before.handlingDue, since, now);
    return { handlingDue, ...this.clock.alertFor('handling', handlingDue) };
  }

  /** 我的线索: a page of the sender's own clues, newest first. */
  async mine(person: Person, page = 1): Promise<Paged<ClueSummary>> {
    const tags = this.deps.cipher.blindIndexes(personKey(person));
    return readPage(page, async (skip, limit) => (await this.deps.clues.bySubmitter(tags, skip, limit)).map((doc) => this.summaryOf(doc)));
  }

  /**
   * 查询: the clues a search may look at — the visibility policy's `search` scope (config/visibility.yaml)
   * and the viewer's own — newest first, at most `limit`; each readable only where the viewer may see
   * its details (the confidentiality rules of 线索 XS-…). Nothing is decrypted until openTexts is called.
   */
  async searchable(viewer: Person, query: Omit<ClueSearchQuery, 'routes' | 'notRoutes' | 'submitterTags'>, limit: number): Promise<SearchableClue[]> {
    const tags = this.deps.cipher.blindIndexes(personKey(viewer));
    const filter = this.deps.org.visibility.filter(viewer, 'clue', 'search');
    const scope = filter.kind === 'all' ? { notRoutes: filter.withheld } : { routes: filter.kind === 'parties' ? filter.parties : [] };
    const docs = await this.deps.clues.search({ ...query, ...scope, submitterTags: tags }, limit);
    const viewerKey = personKey(viewer);
    const clueViewerOf = clueViewer(this.deps.org, viewer, viewerKey);
    return docs.flatMap((doc): SearchableClue[] => {
      const mine = tags.includes(doc.submitterTag);
      const view = decideClueView(clueViewerOf, { route: doc.route, anonymous: doc.anonymous, submitterKey: mine ? viewerKey : '' });
      if (view.level === 'refused') return [];
      const summary = this.summaryOf(doc);
      if (view.level === 'status') return [{ clue: summary, readable: false }];
      const openTexts = () => {
        // Opened on the searcher's path: another agency's clue cannot be opened by it (the search then finds nothing in it).
        let details: ClueDetails;
        try {
          details = this.asReader(viewer, doc, (cipher) => this.details(doc, view.reporter ? this.openReporter(doc, cipher) : undefined, cipher));
        } catch (err) {
          if (err instanceof Refusal) return [];
          throw err;
        }
        const names = [details.reporter?.name, summary.acceptedBy?.name, summary.assignee?.name, summary.concludedBy?.name];
        return [
          details.facts,
          details.subject,
          details.timePlace,
          details.evidence,
          details.result,
          ...details.supplements.map((s) => s.text),
          ...names,
        ].filter((text): text is string => Boolean(text));
      };
      return [{ clue: summary, readable: true, openTexts }];
    });
  }

  /** 待办: a page of the clues waiting for the sender's agency to accept or conclude, oldest first. Empty outside jw, jcy and sfj. */
  async pending(person: Person, page = 1): Promise<Paged<ClueSummary>> {
    const route = CLUE_ROUTES.find((r) => r === person.agency);
    return readPage(page, async (skip, limit) => (route ? (await this.deps.clues.open(route, skip, limit)).map((doc) => this.summaryOf(doc)) : []));
  }

  /** 待办 of the coordinating agency's deciders: the disputes to decide, oldest first. */
  async disputes(person: Person): Promise<ClueSummary[]> {
    return this.mayDecide(person) ? (await this.deps.clues.disputed(DISPUTES_SHOWN)).map((doc) => this.summaryOf(doc)) : [];
  }

  /**
   * The handling and dispute deadlines: on the due day the assignee (or the coordinating agency's deciders)
   * is reminded, the next working day the agency's escalation audience is told. Keyed per due day in the outbox.
   */
  async remindCasework(at: Date): Promise<number> {
    const due = await this.deps.clues.dueAlerts(at);
    for (const doc of due) {
      if (!doc.alert || !doc.alertAt) continue;
      const dueDay = doc.alert.kind === 'handling' ? doc.handlingDue : doc.dispute?.due;
      if (dueDay) await this.sendAlert(doc, doc.alert, dueDay, doc.alertAt, at);
      await this.deps.clues.markAlerted(doc.number, doc.alertAt, dueDay ? this.clock.next(doc.alert, dueDay) : null);
    }
    return due.length;
  }

  private async sendAlert(doc: ClueDoc, alert: ClueAlert, dueDay: string, plannedAt: Date, at: Date): Promise<void> {
    const { org, notifier, roster } = this.deps;
    const key = `clue:${doc.number}:${alert.kind}:${alert.stage}:${dueDay}`;
    const text = this.alertText(doc, alert, dueDay, plannedAt, at);
    const ref: LiveClueAlert = { number: doc.number, alert, dueDay, plannedAt: plannedAt.toISOString() };
    const options = { late: Boolean(lateMark(plannedAt, at, this.deps.lateAfterMinutes)), live: { kind: CLUE_ALERT, ref: JSON.stringify(ref) } };
    if (alert.kind === 'dispute') {
      const audience = alert.stage === 'remind' ? org.audience('clueDisputes') : org.audience('escalation');
      await notifier.toAgency(org.part('justice'), audience, key, text, options);
      return;
    }
    if (alert.stage === 'escalate') {
      await notifier.toAgency(doc.route, org.audience('escalation'), key, text, options);
      return;
    }
    const handler = doc.assignee && this.openActor(doc.assignee);
    const assignee = handler && (await roster.find(handler.channel as Person['channel'], handler.userId));
    if (assignee) await notifier.toPeople([assignee], key, text, options);
    else await notifier.toAgency(doc.route, org.audience('clueAcceptanceOverdue'), key, text, options);
  }

  private alertText(doc: ClueDoc, alert: ClueAlert, dueDay: string, plannedAt: Date, now: Date): string {
    const { state } = reminderMoment(dueDay, now, this.deps.calendar);
    return texts.caseworkAlert(alert, doc, state, (code) => this.agencyName(code)) + lateMark(plannedAt, now, this.deps.lateAfterMinutes);
  }

  private acceptanceText(doc: ClueDoc, plannedAt: Date, now: Date): string {
    const { state } = reminderMoment(doc.acceptanceDue, now, this.deps.calendar);
    return texts.acceptanceOverdueNotice(doc, describePeriod(this.deps.acceptancePeriod), state) + lateMark(plannedAt, now, this.deps.lateAfterMinutes);
  }

  /** A handling or dispute alert written again as of `now`; null once the clue was concluded or its deadline changed. */
  private async renderAlert(ref: string, now: Date): Promise<OutgoingMessage | null> {
    const live = JSON.parse(ref) as LiveClueAlert;
    const doc = await this.deps.clues.find(live.number);
    if (!doc || doc.status === 'concluded' || doc.status === 'withdrawn') return null;
    const current =
      live.alert.kind === 'handling' ? doc.status === 'accepted' && !doc.returned && doc.handlingDue === live.dueDay : doc.dispute?.due === live.dueDay;
    return current ? toOutgoing(this.alertText(doc, live.alert, live.dueDay, new Date(live.plannedAt), now)) : null;
  }

  /** An acceptance reminder written again as of `now`; null once the clue was accepted or passed on. */
  private async renderAcceptance(ref: string, now: Date): Promise<OutgoingMessage | null> {
    const live = JSON.parse(ref) as { number: string; transfers: number; plannedAt: string };
    const doc = await this.deps.clues.find(live.number);
    if (doc?.status !== 'submitted' || doc.transfers.length !== live.transfers) return null;
    return toOutgoing(this.acceptanceText(doc, new Date(live.plannedAt), now));
  }

  /** The outbox sender's live renderers of clues: handling and dispute alerts, and acceptance reminders. */
  liveRenderers(): LiveRendering[] {
    return [
      [CLUE_ALERT, (ref, now) => this.renderAlert(ref, now)],
      [CLUE_ACCEPTANCE, (ref, now) => this.renderAcceptance(ref, now)],
    ];
  }

  /** 线索 XS-… for a handler of an agency that held the clue before a 转办: only where it went, and when. */
  async pastHolding(viewer: Person, number: string): Promise<string[] | null> {
    const doc = await this.deps.clues.find(number);
    if (!doc || !this.deps.org.may(viewer, 'handleClues') || doc.route === viewer.agency) return null;
    const lines = doc.transfers.filter((t) => t.from === viewer.agency).map((t) => texts.pastHoldingLine(doc.number, t, (code) => this.agencyName(code)));
    return lines.length ? lines : null;
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
      const ref = { number: doc.number, transfers: doc.transfers.length, plannedAt: doc.acceptanceRemindAt.toISOString() };
      await this.deps.notifier.toAgency(
        doc.route,
        this.deps.org.audience('clueAcceptanceOverdue'),
        `clue:${doc.number}:acceptance-overdue:${doc.transfers.length}`,
        this.acceptanceText(doc, doc.acceptanceRemindAt, at),
        { late, live: { kind: CLUE_ACCEPTANCE, ref: JSON.stringify(ref) } },
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
    return mayHandleClue(clueViewer(this.deps.org, actor, personKey(actor)), this.accessFacts(actor, doc));
  }

  /**
   * Whether the person submitted the clue, by its blind index: nothing of the clue is opened to decide it, so a
   * path serving another agency's member decides who may see it without holding the receiving agency's keyring.
   */
  private submittedBy(person: Person, doc: Pick<ClueDoc, 'submitterTag'>): boolean {
    return this.deps.cipher.blindIndexes(personKey(person)).includes(doc.submitterTag);
  }

  /** What the access rules look at (src/domain/clues/access.ts), the submitter known by the blind index. */
  private accessFacts(person: Person, doc: ClueDoc): ClueAccessFacts {
    return { route: doc.route, anonymous: doc.anonymous, submitterKey: this.submittedBy(person, doc) ? personKey(person) : '' };
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
    const allowed = (doc: ClueDoc) =>
      rules.by === 'submitter' ? this.submittedBy(actor, doc) : rules.by === 'coordinator' ? this.mayDecide(actor) : this.mayHandle(actor, doc);
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
    else if (action !== 'assign' && action !== 'dispute') await this.notifySubmitter(after, action, before);
    if (after.transfers.length > before.transfers.length) await this.notifyReceivingAgency(after, after.transfers.length);
    if (action === 'dispute') await this.notifyCoordinator(after);
    return this.summaryOf(after);
  }

  private summaryOf(doc: ClueDoc): ClueSummary {
    const open = (actor: SealedActor | undefined) => actor && this.openActor(actor);
    return {
      number: doc.number,
      route: doc.route,
      category: doc.category,
      status: doc.status,
      submittedAt: doc.submittedAt,
      acceptanceDue: doc.acceptanceDue,
      acceptedAt: doc.acceptedAt,
      acceptedBy: open(doc.acceptedBy),
      assignee: open(doc.assignee),
      handlingDue: doc.handlingDue,
      returnedAt: doc.returned?.at,
      disputedTo: doc.dispute?.wanted,
      concludedAt: doc.concludedAt,
      concludedBy: open(doc.concludedBy),
      withdrawnAt: doc.withdrawnAt,
      transfers: doc.transfers.map(({ from, to, by, at }) => ({ from, to, by: this.openActor(by), at })),
    };
  }

  /**
   * `keys reencrypt`: every sealed field of every clue sealed again under the active key (and a plain
   * actor of an older clue sealed), with the submitter's blind index rewritten under it, so a retired key
   * can then be dropped. Returns the clues changed, and those that changed meanwhile (run it again).
   */
  async resealAll(): Promise<{ resealed: number; busy: number }> {
    const tally = { resealed: 0, busy: 0 };
    for (let skip = 0; ; skip += RESEAL_BATCH) {
      const docs = await this.deps.clues.all(skip, RESEAL_BATCH);
      for (const doc of docs) {
        const fields = this.resealed(doc, doc.route);
        if (JSON.stringify(fields) === JSON.stringify(pickKeys(doc, Object.keys(fields)))) continue;
        if (await this.deps.clues.replaceSealed(doc.number, doc.version, fields)) tally.resealed++;
        else tally.busy++;
      }
      if (docs.length < RESEAL_BATCH) return tally;
    }
  }

  /**
   * The sealed fields of a clue, each under the active key of the agency `to` (its current agency for `keys reencrypt`,
   * the new one for a 转办; its context as written by this service); actors under the county's active key.
   */
  private resealed(doc: ClueDoc, to: string): Partial<ClueDoc> {
    const { cipher: county } = this.deps;
    const from = this.sealer(doc.route);
    const target = this.sealer(to);
    const reseal = (value: EncryptedField, context: string) =>
      value.keyId === target.activeKeyId ? value : target.encrypt(from.decrypt(value, context), context);
    const field = (value: EncryptedField | undefined, context: string) => value && reseal(value, context);
    const actor = (value: SealedActor | undefined) => value && ('data' in value ? county.reseal(value, 'clue-actor') : this.sealActor(value as Person));
    const fields: Partial<ClueDoc> = {
      submitterTag: county.blindIndex(personKey(this.openReporter(doc))),
      reporter: reseal(doc.reporter, 'reporter'),
      transfers: doc.transfers.map((t) => ({ ...t, reason: reseal(t.reason, 'transferReason'), by: actor(t.by)! })),
    };
    for (const name of ['facts', 'subject', 'timePlace', 'evidence', 'attachments', 'result', 'withdrawReason'] as const) {
      if (doc[name]) fields[name] = field(doc[name], name);
    }
    if (doc.acceptedBy) fields.acceptedBy = actor(doc.acceptedBy);
    if (doc.concludedBy) fields.concludedBy = actor(doc.concludedBy);
    if (doc.assignee) fields.assignee = actor(doc.assignee);
    if (doc.dispute) fields.dispute = { ...doc.dispute, reason: reseal(doc.dispute.reason, 'transferReason'), by: actor(doc.dispute.by)! };
    if (doc.returned) fields.returned = { ...doc.returned, question: reseal(doc.returned.question, 'returnQuestion') };
    if (doc.supplements) {
      fields.supplements = doc.supplements.map((s) => ({
        ...s,
        ...(s.text && { text: reseal(s.text, 'supplement') }),
        ...(s.attachments && { attachments: reseal(s.attachments, 'supplement-attachments') }),
      }));
    }
    return fields;
  }

  /** Who handled a clue is sealed like the reporter (a name is personal data). */
  private sealActor(person: Person): EncryptedField {
    return this.deps.cipher.encrypt(JSON.stringify(actorOf(person)), 'clue-actor');
  }

  private openActor(actor: SealedActor): ClueActor {
    return 'data' in actor ? (JSON.parse(this.deps.cipher.decrypt(actor, 'clue-actor')) as ClueActor) : actor;
  }

  /** Who reported the clue; on a reader's path (its cipher given) one the path cannot open is "not available". */
  private openReporter(doc: ClueDoc, reader?: FieldCipher): Reporter {
    return JSON.parse(reader ? openAs(reader, doc.reporter, 'reporter') : this.keyHolder(doc.route).decrypt(doc.reporter, 'reporter')) as Reporter;
  }

  /**
   * The cipher of the agency a clue is routed to, holding that agency's keyring only (and the county's, for clues
   * sealed before agencies had keys, until `keys reencrypt`). Used by the service's own work on the clue.
   */
  private sealer(route: string): FieldCipher {
    markContentOwner(route);
    return this.keyHolder(route);
  }

  /** The receiving agency's cipher without marking the exchange: the service's own work that shows nothing of the clue. */
  private keyHolder(route: string): FieldCipher {
    let cipher = this.sealers.get(route);
    if (!cipher) {
      const ring = this.deps.keys.ring(route);
      cipher = new FieldCipher(new Keyring(ring.key(ring.activeKeyId)!, [...ring.allKeys(), ...this.deps.keys.county.allKeys()], route));
      this.sealers.set(route, cipher);
    }
    return cipher;
  }

  private readonly sealers = new Map<string, FieldCipher>();

  /**
   * Runs read with the cipher a reader's path opens a clue's texts with: the receiving agency's for its members, and
   * for the clue's submitter (proved by the blind index), whose path then holds that agency's keyring for this read
   * (src/kernel/held-keyrings.ts); else the reader's own agency's keyring, which cannot open another agency's clue:
   * even if a visibility rule were wrong, a jcy reader never gets jw text (openAs refuses).
   */
  private asReader<T>(viewer: Person, doc: ClueDoc, read: (cipher: FieldCipher) => T): T {
    if (viewer.agency === doc.route) return read(this.sealer(doc.route));
    if (this.submittedBy(viewer, doc)) return alsoHolding(doc.route, () => read(this.sealer(doc.route)));
    return read(new FieldCipher(this.deps.keys.ring(viewer.agency)));
  }

  private details(doc: ClueDoc, reporter: Reporter | undefined, cipher: FieldCipher): ClueDetails {
    const open = (field: EncryptedField | undefined, context: string) => (field ? openAs(cipher, field, context) : undefined);
    return {
      ...this.summaryOf(doc),
      facts: openAs(cipher, doc.facts, 'facts'),
      subject: open(doc.subject, 'subject'),
      timePlace: open(doc.timePlace, 'timePlace'),
      evidence: open(doc.evidence, 'evidence'),
      attachments: openAttachments(cipher, doc.attachments),
      anonymous: doc.anonymous,
      result: open(doc.result, 'result'),
      transferReasons: doc.transfers.map((t) => openAs(cipher, t.reason, 'transferReason')),
      supplements: (doc.supplements ?? []).map((s) => ({
        at: s.at,
        text: open(s.text, 'supplement'),
        attachments: openAttachments(cipher, s.attachments, 'supplement-attachments'),
      })),
      withdrawReason: open(doc.withdrawReason, 'withdrawReason'),
      returnQuestion: open(doc.returned?.question, 'returnQuestion'),
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

  /** The assignee named by 受理 or 指派 hears of it (number, category, due day: no facts). */
  private async notifyAssignee(clue: ClueSummary, assignee: Person): Promise<void> {
    await this.deps.notifier.toPeople(
      [assignee],
      `clue:${clue.number}:assignee:${personKey(assignee)}:${clue.acceptedAt?.getTime() ?? 0}`,
      texts.assignedNotice(clue),
    );
  }

  /** The coordinating agency's deciders are asked to decide a dispute; the push names no facts. */
  private async notifyCoordinator(doc: ClueDoc): Promise<void> {
    const { org } = this.deps;
    await this.deps.notifier.toAgency(
      org.part('justice'),
      org.audience('clueDisputes'),
      `clue:${doc.number}:dispute:${doc.transfers.length}`,
      texts.disputeNotice(doc, (code) => this.agencyName(code)),
    );
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

  /**
   * The submitter hears of every change on their own channel; the push names no facts. Who they are is read from
   * the clue as it was before the change, under the agency that made it (after a 转办 it is sealed for the new one).
   */
  private async notifySubmitter(doc: ClueDoc, action: texts.SubmitterNotice, before: ClueDoc): Promise<void> {
    const reporter = this.openReporter(before);
    const person = await this.deps.roster.find(reporter.channel as Person['channel'], reporter.userId);
    if (!person) return;
    await this.deps.notifier.toPeople(
      [person],
      `clue:${doc.number}:${action}:${doc.transfers.length}${action === 'return' ? `:v${doc.version}` : ''}:submitter`,
      texts.submitterNotice(action, doc, (code) => this.agencyName(code)),
    );
  }
}

function markRoute(draft: unknown): void {
  const { route } = draft as { route?: unknown };
  if (typeof route === 'string') markContentOwner(route);
}
