import type { Actor } from './documents';

export const ACCESS_SCOPES = ['view', 'copy'] as const;
/** 查看 (view in the browser only) or 复制 (download allowed). */
export type AccessScope = (typeof ACCESS_SCOPES)[number];

/** The owner's approval: what may be seen, how, until when, through which link. */
export interface AccessGrant {
  scope: AccessScope;
  /** Numbers of the owner's own records (clues and documents) made available: at approval, or added later. */
  materials: string[];
  until: Date;
  /** Files the owner attached after approving (bytes sealed in the attachment store), in the order attached. */
  files?: FileAccessFile[];
  by: Actor;
  at: Date;
}

/** A file attached to an approved request: its bytes and name are sealed in the attachment store under `id`. */
export interface FileAccessFile {
  id: string;
  kind: 'image' | 'file' | 'voice';
  contentType: string;
  size: number;
  /** A PDF that could not be read when attached (encrypted, broken): it cannot be watermarked, so it is never served. */
  unreadable?: boolean;
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
  /** What was opened: 「材料清单」 (the listing and the owner's records) or the name of one attached file. */
  item?: string;
  by: Actor;
  at: Date;
}

export const DECIDE_LEASE_MS = 30_000;

/** 调阅/复制 requests (collection `file_access_requests`) and their access log (`file_access_log`, append-only). */
export interface FileAccessStore {
  insert(request: FileAccessRequest): Promise<void>;
  find(number: string): Promise<FileAccessRequest | null>;
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
  /** Adds files to an approved request whose grant holds `expected` files (claim `file-access:<number>:files:<expected>`, so two uploads never overwrite each other); the request after, or null. */
  attachFiles(number: string, expected: number, files: FileAccessFile[], now: Date): Promise<FileAccessRequest | null>;
  /** Adds records to the materials of an approved request whose grant names `expected` (claim `file-access:<number>:materials:<expected>`); the request after, or null. */
  addMaterials(number: string, expected: number, materials: string[], now: Date): Promise<FileAccessRequest | null>;
  appendOpen(entry: FileAccessOpen): Promise<void>;
  /** The access log of the owner's requests, oldest first. */
  opens(owner: string, requestNumber?: string): Promise<FileAccessOpen[]>;
}
