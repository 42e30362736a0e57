import type { ClueRoute } from '../../config/routing';
import type { ClueActor, ClueStatus } from '../../store/clues';
import type { AttachmentRef } from './attachments';

/** What an officer reports: sealed at rest, shown only to those the rules allow. */
interface ClueContent {
  facts: string;
  subject?: string;
  timePlace?: string;
  evidence?: string;
  /** Evidence images, files and voice, stored sealed (./attachments.ts); never the platform's media ids. */
  attachments: AttachmentRef[];
  anonymous: boolean;
}

/** What an officer tells the wizard. Lives sealed in the session until 确认; 匿名 is unset until answered. */
export interface ClueDraft extends Omit<ClueContent, 'anonymous'> {
  anonymous?: boolean;
  id: string;
  route?: ClueRoute;
  category?: string;
  /** The officer's answer when the router could not tell whether the subject is managed above the county. */
  subjectLevel?: 'county' | 'higher';
}

/** A draft at 确认: routed, categorized and 匿名 answered. */
export type ConfirmedDraft = ClueDraft & { route: ClueRoute; category: string; anonymous: boolean };

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
  /** 承办人: shown inside the receiving agency (to the submitter only when configured). */
  assignee?: ClueActor;
  handlingDue?: string;
  /** 退回补充: when it was asked back, while the submitter has not answered. */
  returnedAt?: Date;
  /** Where the holder wanted to transfer it past the limit, while the coordinating agency decides. */
  disputedTo?: ClueRoute;
  concludedAt?: Date;
  concludedBy?: ClueActor;
  withdrawnAt?: Date;
  transfers: Array<{ from: ClueRoute; to: ClueRoute; by: ClueActor; at: Date }>;
}

export interface ClueDetails extends ClueSummary, ClueContent {
  result?: string;
  transferReasons: string[];
  /** 补充: what the submitter added after 确认, oldest first. */
  supplements: Array<{ at: Date; text?: string; attachments: AttachmentRef[] }>;
  withdrawReason?: string;
  /** 退回补充: what the receiving agency asked for, while unanswered. */
  returnQuestion?: string;
  /** Absent when the viewer may not know who reported it. */
  reporter?: { name: string; agency: string };
}

export type ClueLookup = { level: 'details'; clue: ClueDetails } | { level: 'status'; clue: ClueSummary };

/**
 * A clue as 查询 may look at it: its status line, and — only when the viewer may read its details —
 * a way to open its texts (facts, subject, time and place, evidence, supplements, result, and the
 * names the viewer may see). Opening decrypts: the caller audits every clue it opens.
 */
export interface SearchableClue {
  clue: ClueSummary;
  readable: boolean;
  openTexts?(): string[];
}
