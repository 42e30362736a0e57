import type { Person } from '../../kernel/people';
import type { Organization } from '../organization';
import type { RosterService } from '../roster/roster-service';

/** Who hears of an item with a deadline, whatever its kind (documents, rectification items, follow-ups). */

export type Members = Pick<RosterService, 'members'>;

/** Its reminders: every member of the unit that must act, and the issuer's organizers. */
export async function remindedPeople(roster: Members, org: Organization, item: { issuer: string; recipient: string }): Promise<Person[]> {
  return [...(await roster.members(item.recipient, [])), ...(await roster.members(item.issuer, org.audience('issuerCopies')))];
}

/** Its first overdue day: the issuing side and the justice bureau, which coordinates the mechanism. */
export async function escalatedPeople(roster: Members, org: Organization, issuer: string): Promise<Person[]> {
  const justice = org.part('justice');
  return [
    ...(await roster.members(issuer, org.audience('escalation'))),
    ...(issuer === justice ? [] : await roster.members(justice, org.audience('escalation'))),
  ];
}
