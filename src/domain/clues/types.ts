import type { ClueRoute } from '../../config/routing';
import type { ClueActor, ClueStatus } from '../../store/clues';

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
  /** The officer's answer when the router could not tell whether the subject is managed above the county. */
  subjectLevel?: 'county' | 'higher';
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
