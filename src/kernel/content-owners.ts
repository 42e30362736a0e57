import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The agencies whose confidential content (a clue's facts, reporter, drafts once routed) one exchange carries: the
 * clue service marks the receiving agency when it seals or shows a clue's texts, and the conversation log, the
 * outbox and sessions written within the exchange are sealed under those agencies' keys (src/store/mongo/at-rest.ts),
 * so a path holding only another agency's key cannot open them. Outside an exchange (scheduler, CLI) nothing is marked.
 */
const scope = new AsyncLocalStorage<Set<string>>();

/** Runs fn as one exchange; owners already known (a retry of a stored exchange) start the set. */
export function withContentOwners<T>(fn: () => Promise<T>, owners: readonly string[] = []): Promise<T> {
  return scope.run(new Set(owners), fn);
}

/** Marks the current exchange as carrying content of the agency (no effect outside an exchange). */
export function markContentOwner(agency: string): void {
  scope.getStore()?.add(agency);
}

/** The agencies marked so far in the current exchange, sorted (empty outside one). */
export function contentOwners(): string[] {
  return [...(scope.getStore() ?? [])].sort();
}
