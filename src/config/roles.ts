import { z } from 'zod';
import { ROLES } from '../kernel/people';

/** The purposes a role may be allowed: every command and service check names one. */
export const PERMISSIONS = [
  'submitClues',
  'handleClues',
  'assignClues',
  'decideClueDisputes',
  'registerDocuments',
  'registerInspections',
  'organizeMeetings',
  'viewReports',
  'requestFiles',
  'answerFileRequests',
  'consult',
  'superviseCourtRulings',
  'reportEnforcementFigures',
  'registerReviewOutcomes',
  'handleAccountability',
  'viewUnitAccountability',
  'viewOfficerNames',
  'registerMediation',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Who is told of what, within the agency concerned. */
export const AUDIENCES = [
  'newClue',
  'clueAcceptanceOverdue',
  'clueDisputes',
  'issuerCopies',
  'issuerNotices',
  'escalation',
  'meetingParticipants',
  'liaisonMeetingNag',
  'sharingRequests',
  'fileAccessEscalation',
  'courtSupervisionResults',
  'bulletinReminders',
  'accountabilityNotices',
  'accountabilityDeadlines',
  'mediationDeadlines',
  'receiptCard',
  'urgeCopy',
  'bulletinDraft',
  'indicatorsReport',
] as const;
export type Audience = (typeof AUDIENCES)[number];

const roleList = z.array(z.enum(ROLES)).min(1);
const byName = <const K extends readonly string[]>(keys: K) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, roleList])) as Record<K[number], typeof roleList>);

export const rolesSchema = z.object({
  roles: z.array(z.object({ code: z.enum(ROLES), name: z.string().min(1), description: z.string().min(1) })).min(1),
  permissions: byName(PERMISSIONS),
  audiences: byName(AUDIENCES),
});

export type RolesConfig = z.infer<typeof rolesSchema>;
