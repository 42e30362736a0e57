import type { Actor } from './documents';

export const ACCESS_SCOPES = ['view', 'copy'] as const;
/** 查看 (view in the browser only) or 复制 (download allowed). */
export type AccessScope = (typeof ACCESS_SCOPES)[number];

/** The owner's approval: what may be seen, how, until when, through which link. */
export interface AccessGrant {
  scope: AccessScope;
  /** Numbers of the owner's own records (documents) made available. */
  materials: string[];
  until: Date;
  /** The unguessable part of the link; opens only for the requester. */
  token: string;
  by: Actor;
  at: Date;
}

export interface AccessRefusal {
  reason: string;
  by: Actor;
  at: Date;
}

/**
 * A 调阅/复制 request (DY-…): an officer of one supervising agency asks another (the owner) for a
 * case's files. Pending, it is reminded and escalated like any deadline (`nextRemindAt`); approved,
 * its link works for the requester until `grant.until`; then it is expired.
 */
export interface FileAccessRequest {
  number: string;
  requester: Actor;
  owner: string;
  /** The case or document asked for (its number or name). */
  subject: string;
  reason: string;
  /** A clue or document number of the requester's own case, when given. */
  relatedCase?: string;
  startDate: string;
  dueDate: string;
  provisional: boolean;
  status: 'pending' | 'approved' | 'refused' | 'expired';
  grant?: AccessGrant;
  refusal?: AccessRefusal;
  escalatedAt?: Date;
  nextRemindAt: Date | null;
  nextStepOffset: number | null;
  createdAt: Date;
}

/** One opening of an approved request's materials: a line of the append-only access log. */
export interface FileAccessOpen {
  requestNumber: string;
  owner: string;
  action: 'view' | 'download';
  by: Actor;
  at: Date;
}

export const DECIDE_LEASE_MS = 30_000;

/** 调阅/复制 requests (collection `file_access_requests`) and their access log (`file_access_log`, append-only). */
export interface FileAccessStore {
  insert(request: FileAccessRequest): Promise<void>;
  find(number: string): Promise<FileAccessRequest | null>;
  findByToken(token: string): Promise<FileAccessRequest | null>;
  /** Requests the agency made or owns, pending first, then newest, at most `limit`. */
  listFor(agency: string, limit: number): Promise<FileAccessRequest[]>;
  /** How many requests are in each status: the agency's both ways, or the county's when no agency is given. */
  counts(agency?: string): Promise<Record<FileAccessRequest['status'], number>>;
  /** Approves or refuses a pending request exactly once (the claim `file-access:<number>:decide`); null when decided already. */
  decide(number: string, decision: { grant: AccessGrant } | { refusal: AccessRefusal }, now: Date): Promise<FileAccessRequest | null>;
  /** Marks approved requests whose link ran out by `now` as expired; their numbers. */
  expire(now: Date): Promise<string[]>;
  dueForReminder(until: Date, limit: number): Promise<FileAccessRequest[]>;
  advanceReminder(request: FileAccessRequest, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean>;
  appendOpen(entry: FileAccessOpen): Promise<void>;
  /** The access log of the owner's requests, oldest first. */
  opens(owner: string, requestNumber?: string): Promise<FileAccessOpen[]>;
}
