import type { ClueRoute } from '../config/routing';
import type { EncryptedField } from '../kernel/field-cipher';
import type { ClaimStore } from './claims';
import type { NumberTurns, SequenceReads } from './number-turns';

export const CLUE_STATUSES = ['submitted', 'accepted', 'concluded', 'withdrawn'] as const;
export type ClueStatus = (typeof CLUE_STATUSES)[number];

/** Who did something to a clue: a member of the receiving agency, named in the clue's history. */
export interface ClueActor {
  channel: string;
  userId: string;
  name: string;
  agency: string;
}

/** A ClueActor sealed as JSON (context `clue-actor`); clues written before it was sealed hold the plain actor. */
export type SealedActor = EncryptedField | ClueActor;

export interface ClueTransfer {
  from: ClueRoute;
  to: ClueRoute;
  reason: EncryptedField;
  by: SealedActor;
  at: Date;
}

/** 退回补充: the question asked back (sealed) and when the clock stopped; present while the submitter has not answered. */
export interface ClueReturn {
  at: Date;
  question: EncryptedField;
}

/**
 * A transfer past the limit, present until the coordinating agency decides (its decision is then a
 * transfer of the clue, or none): who wanted to pass it on, where to, and by when it must be decided.
 */
export interface ClueDispute {
  from: ClueRoute;
  wanted: ClueRoute;
  reason: EncryptedField;
  by: SealedActor;
  at: Date;
  /** Last local day of the decision period. */
  due: string;
}

/** The next reminder of a running period: the handling deadline, or a dispute's decision deadline. */
export interface ClueAlert {
  kind: 'handling' | 'dispute';
  stage: 'remind' | 'escalate';
}

/** Material the submitter added after 确认 (补充): sealed like the clue's own facts. */
export interface ClueSupplement {
  at: Date;
  text?: EncryptedField;
  /** The attachments added, sealed (their ids, names and types). */
  attachments?: EncryptedField;
}

/**
 * A clue. Everything that could identify the reporter or tell what happened is
 * sealed (AES-256-GCM, key id alongside); the rest is what routing, lists,
 * counts and reminders need.
 */
export interface ClueDoc {
  number: string;
  year: number;
  seq: number;
  /** The wizard's draft id: confirming the same draft twice stores one clue. */
  draftId: string;
  route: ClueRoute;
  category: string;
  status: ClueStatus;
  anonymous: boolean;
  /** Blind index of the submitter's (channel, userId): finds 我的线索 without storing who. */
  submitterTag: string;
  reporter: EncryptedField;
  facts: EncryptedField;
  subject?: EncryptedField;
  timePlace?: EncryptedField;
  evidence?: EncryptedField;
  /** The evidence attachments' ids, names and types (AttachmentRef[]), sealed. */
  attachments?: EncryptedField;
  submittedAt: Date;
  /** Period key (YYYY-MM, Asia/Shanghai) for counts grouped by month. */
  month: string;
  /** Last local day of the acceptance period. */
  acceptanceDue: string;
  /** When a clue still not accepted reminds the receiving agency's organizers (the day after acceptanceDue). */
  acceptanceRemindAt: Date;
  acceptanceReminded: boolean;
  acceptedAt?: Date;
  acceptedBy?: SealedActor;
  /** 承办人: the member of the receiving agency handling it (受理 names them, 指派 changes them). */
  assignee?: SealedActor;
  /** Last local day of the handling period (config/casework.yaml `handling`). */
  handlingDue?: string;
  /** When the next reminder of `alert` is due; absent when none is. */
  alertAt?: Date;
  alert?: ClueAlert;
  /** 退回补充: set while the submitter has not answered. */
  returned?: ClueReturn;
  dispute?: ClueDispute;
  concludedAt?: Date;
  concludedBy?: SealedActor;
  result?: EncryptedField;
  transfers: ClueTransfer[];
  /** 补充: what the submitter added after 确认, oldest first (absent on clues stored before there was 补充). */
  supplements?: ClueSupplement[];
  /** 撤回: when the submitter withdrew it before 受理, and why (sealed). */
  withdrawnAt?: Date;
  withdrawReason?: EncryptedField;
  /** Counts changes; each change from version n is decided once (claim attempt `clue:<number>:v<n>#k`). */
  version: number;
  /**
   * False until the receiving agency has been told and the audit log holds the 'submit' line; a clue
   * stored just before a crash or a transient error is announced by the resume job. Absent on clues
   * stored before this field existed (they were announced with the clue).
   */
  announced?: boolean;
  /** When the retention job removed its texts (config/retention.yaml). */
  purgedAt?: Date;
}

/** The state changes of a clue after it is stored; each is decided once per version. */
export type ClueChangeAction = 'accept' | 'assign' | 'conclude' | 'transfer' | 'return' | 'dispute' | 'decide' | 'supplement' | 'withdraw';

/**
 * Which clues a search looks at: those of `routes` (every route but `notRoutes` when `routes` is
 * absent; none when it is empty), plus whatever the `submitterTags` submitted; then by status and time.
 */
export interface ClueSearchQuery {
  routes?: readonly string[];
  notRoutes?: readonly string[];
  submitterTags: readonly string[];
  statuses?: readonly ClueStatus[];
  /** Submitted at or after. */
  from?: Date;
  /** Submitted before. */
  before?: Date;
}

/** What a 受理, 办结 or 转办 does to a clue (the store counts its version). */
export interface ClueChange {
  set: Partial<Omit<ClueDoc, 'number' | 'year' | 'seq' | 'draftId' | 'transfers' | 'supplements' | 'version'>>;
  /** Fields it clears: a 转办 forgets the earlier acceptance and assignee. */
  unset?: ('acceptedAt' | 'acceptedBy' | 'assignee' | 'handlingDue' | 'alertAt' | 'alert' | 'returned' | 'dispute')[];
  /** A 转办 appends its record to the clue's transfers. */
  transfer?: ClueTransfer;
  /** A 补充 appends its material to the clue's supplements. */
  supplement?: ClueSupplement;
}

/**
 * The clue after our change; or, when another change from the same version won, the clue as it is now;
 * or `busy` when another change from this version is under way (or died within its lease): try again shortly.
 */
export type ClueChangeOutcome = { applied: true; clue: ClueDoc } | { applied: false; current: ClueDoc | null; busy: boolean };

/** Where clues live: every exactly-once decision about a clue is taken here, by claims. */
export interface ClueStore {
  find(number: string): Promise<ClueDoc | null>;
  /**
   * Stores the clue of a confirmed draft once, however many 确认 arrive together: the caller
   * holding the claim attempt `clue-draft:<draftId>#n` builds and inserts it, the others wait for
   * it and get it back. A holder that died before storing gives the draft up after a lease.
   * `added` is true only for the caller that stored it. The clue's sequence number (of `year`) is
   * taken by the insert itself, the next after the highest stored (callers of one process take turns,
   * src/store/number-turns.ts): no number is reserved apart from its clue, so neither a crash nor a
   * failed insert leaves a gap.
   */
  addOnce(draftId: string, year: number, now: Date, build: (seq: number) => ClueDoc): Promise<{ clue: ClueDoc; added: boolean }>;
  /**
   * Applies a change to the clue as it stood at `version`, and counts the version up. Of concurrent
   * changes from one version only the one holding the claim attempt `clue:<number>:v<version>#k`
   * applies; a holder that died or failed gives it up after a lease, so the change can be retried.
   */
  change(number: string, version: number, change: ClueChange, now: Date): Promise<ClueChangeOutcome>;
  /** The clues submitted under any of these blind indexes, newest first, `limit` from `skip`. */
  bySubmitter(submitterTags: readonly string[], skip: number, limit: number): Promise<ClueDoc[]>;
  /** The clues of a route still to be accepted or concluded, oldest first, `limit` from `skip`. */
  open(route: ClueRoute, skip: number, limit: number): Promise<ClueDoc[]>;
  /** 查询: the clues a search may look at, newest first, at most `limit`. */
  search(query: ClueSearchQuery, limit: number): Promise<ClueDoc[]>;
  /** Clues still not accepted whose acceptance reminder is due at `at` and not yet sent, earliest due first. */
  dueForAcceptanceReminder(at: Date): Promise<ClueDoc[]>;
  /** Records the reminder as sent, only while the clue is in the routing it was for (same route, same window). */
  markAcceptanceReminded(clue: Pick<ClueDoc, 'number' | 'route' | 'acceptanceRemindAt'>): Promise<void>;
  /** A page of every clue, by number (for `keys reencrypt`). */
  all(skip: number, limit: number): Promise<ClueDoc[]>;
  /** Replaces sealed fields of the clue as it stood at `version`; false when it changed meanwhile (run again). */
  replaceSealed(number: string, version: number, fields: Partial<ClueDoc>): Promise<boolean>;
  /** Clues whose next alert (handling or dispute deadline) is due at `at`, earliest first. */
  dueAlerts(at: Date): Promise<ClueDoc[]>;
  /** Moves the clue's alert from `alertAt` on to `next` (or none), only if no change moved it meanwhile. */
  markAlerted(number: string, alertAt: Date, next: Pick<ClueDoc, 'alertAt' | 'alert'> | null): Promise<void>;
  /** Clues with an undecided dispute, oldest first (what the coordinating agency decides). */
  disputed(limit: number): Promise<ClueDoc[]>;
  /** Records that the clue's notice and audit line are written. */
  markAnnounced(number: string): Promise<void>;
  /** Clues stored at or before `before` whose notice and audit line may be missing, oldest first. */
  unannounced(before: Date): Promise<ClueDoc[]>;
}

/** Far above a normal submission: a draft claim held longer was left by a dead process. */
const DRAFT_LEASE_MS = 10_000;
const DRAFT_WAIT_ATTEMPTS = 100;
const DRAFT_WAIT_MS = 50;
/** A change whose holder died or failed is free again after this long (a change is one write). */
export const CLUE_CHANGE_LEASE_MS = 10_000;
/** A clue stored this long ago and still not announced was cut off (crash, transient error): the resume job announces it. */
export const ANNOUNCE_LEASE_MS = 30_000;

/** What addClueOnce and changeClueOnce need of a store: its claims and its plain reads and writes. */
export interface ClueRecords extends SequenceReads {
  claims: Pick<ClaimStore, 'claimAttempt'>;
  /** This process's turns at the clue numbers (one per store). */
  turns: NumberTurns;
  find(number: string): Promise<ClueDoc | null>;
  findByDraft(draftId: string): Promise<ClueDoc | null>;
  /** Inserts the clue; false when its number or draft is already stored (the unique indexes). */
  insert(clue: ClueDoc): Promise<boolean>;
  /** Applies the change to the clue still at `version` and counts it up; null when there is no such clue at that version. */
  update(number: string, change: ClueChange, version: number): Promise<ClueDoc | null>;
}

/** ClueStore.addOnce over a store's records, the same for every store. */
export async function addClueOnce(
  records: ClueRecords,
  draftId: string,
  year: number,
  now: Date,
  build: (seq: number) => ClueDoc,
): Promise<{ clue: ClueDoc; added: boolean }> {
  // 确认 tapped twice at once: the first takes the draft, the second answers with its clue.
  if (!(await records.claims.claimAttempt(`clue-draft:${draftId}`, now, DRAFT_LEASE_MS))) return { clue: await awaitDraft(records, draftId), added: false };
  const stored = await records.findByDraft(draftId);
  if (stored) return { clue: stored, added: false };
  // The unique number index decides who gets a number: a loser (another process's draft) tries the next.
  return records.turns.take(year, records, async (seq) => {
    const clue = build(seq);
    if (await records.insert(clue)) return { clue, added: true };
    const mine = await records.findByDraft(draftId);
    return mine ? { clue: mine, added: false } : undefined;
  });
}

async function awaitDraft(records: ClueRecords, draftId: string): Promise<ClueDoc> {
  for (let attempt = 0; attempt < DRAFT_WAIT_ATTEMPTS; attempt++) {
    const clue = await records.findByDraft(draftId);
    if (clue) return clue;
    await new Promise((resolve) => setTimeout(resolve, DRAFT_WAIT_MS));
  }
  throw new Error('a confirmed clue draft was not stored');
}

/**
 * ClueStore.change over a store's records, the same for every store. One change per version is
 * decided by a claim attempt (a unique insert): FerretDB 1.x does not apply a conditional update
 * atomically, so two concurrent 受理 could otherwise both pass. The attempt has a lease, so a
 * change cut off by a crash or a failed write can be made again; the update is conditional on the
 * version, so a late takeover never applies a second change.
 */
export async function changeClueOnce(records: ClueRecords, number: string, version: number, change: ClueChange, now: Date): Promise<ClueChangeOutcome> {
  if (!(await records.claims.claimAttempt(`clue:${number}:v${version}`, now, CLUE_CHANGE_LEASE_MS))) {
    const current = await records.find(number);
    return { applied: false, current, busy: current?.version === version };
  }
  const after = await records.update(number, change, version);
  return after ? { applied: true, clue: after } : { applied: false, current: await records.find(number), busy: false };
}
