import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The agencies whose keyrings the path serving one person holds (issue 22 item 11). The dispatcher runs each
 * bot's handling of a person's message holding their own agency's keyring (and the county's, always held);
 * a keyring of another agency opens nothing there (FieldCipher refuses with KeyringNotHeld, which callers
 * treat like any field that cannot be opened: "not available"). A path that proves a reason to read one
 * agency's content — the clue's submitter by the blind index, an approved 调阅, the coordinator deciding a
 * dispute — holds that agency's keyring too, for that work only (alsoHolding). Outside a person's path
 * (scheduler, outbox sender, CLI, the inbox's own bookkeeping) every keyring is held.
 * Register rows (documents, meetings, …) are opened outside this scope: their queries are filtered by the
 * visibility policy instead (src/store/mongo/at-rest.ts, SECURITY.md).
 */
const scope = new AsyncLocalStorage<ReadonlySet<string>>();

/** Runs fn as the path serving a member of `agency`: it holds that agency's keyring (and the county's) only. */
export function holdingKeyringOf<T>(agency: string, fn: () => Promise<T>): Promise<T> {
  return scope.run(new Set([agency]), fn);
}

/** Runs fn (sync or async) holding the agency's keyring as well as those already held; no effect outside a person's path. */
export function alsoHolding<T>(agency: string, fn: () => T): T {
  const held = scope.getStore();
  return held && !held.has(agency) ? scope.run(new Set([...held, agency]), fn) : fn();
}

/** Runs fn (sync) outside any person's keyring scope: rows the caller filtered by the visibility policy. */
export function outsideKeyringScope<T>(fn: () => T): T {
  return scope.exit(fn);
}

/** Whether the current path holds the agency's keyring (always, outside a person's path). */
export function holdsKeyring(agency: string): boolean {
  return scope.getStore()?.has(agency) ?? true;
}
