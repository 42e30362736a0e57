import type { Organization } from '../organization';
import type { DeadlinesConfig } from '../../config/deadlines';
import type { Person } from '../../kernel/people';
import type { DeadlineDocument, TrackedKind } from '../../store/documents';

export type RegistrableKind = Exclude<TrackedKind, 'followup'>;

const FOLLOWUP = { name: '会议跟进事项', escalation: ['由会议召集单位督办，并在下次联席会议通报'] };

export function kindName(config: DeadlinesConfig, kind: TrackedKind): string {
  return kind === 'followup' ? FOLLOWUP.name : config.documents[kind].name;
}

export function escalationSteps(config: DeadlinesConfig, kind: TrackedKind): readonly string[] {
  return kind === 'followup' ? FOLLOWUP.escalation : config.documents[kind].escalation;
}

/** What the recipient must do; a notice is done only when corrected, the rest when answered. */
export function closesOnReply(kind: TrackedKind): boolean {
  return kind !== 'notice';
}

/**
 * Who may register a kind: its issuer; a 决定书 also by the justice bureau, at whose request
 * the government issues it; a transfer by any enforcement unit.
 */
export function mayRegister(config: DeadlinesConfig, org: Organization, kind: RegistrableKind, person: Person): boolean {
  const issuer = config.documents[kind].issuer;
  if (issuer === 'enforcement') return org.is(person.agency, 'enforcement');
  return person.agency === issuer || (kind === 'decision' && person.agency === org.part('justice'));
}

/** The issuing side: the issuer, and the justice bureau for the 决定书 it requested. */
export function isIssuerSide(org: Organization, doc: Pick<DeadlineDocument, 'kind' | 'issuer'>, person: Person): boolean {
  return person.agency === doc.issuer || (doc.kind === 'decision' && person.agency === org.part('justice'));
}

/** Both sides, the supervising agencies and the government, and whoever may view every document. */
export function mayView(org: Organization, doc: Pick<DeadlineDocument, 'kind' | 'issuer' | 'recipient'>, person: Person): boolean {
  return isIssuerSide(org, doc, person) || person.agency === doc.recipient || !org.is(person.agency, 'enforcement') || org.may(person, 'viewAllDocuments');
}
