/** A user's open dialog (wizard) as stored. Expiry is enforced in code: FerretDB has no TTL indexes. */
export interface SessionRecord {
  channel: string;
  userId: string;
  /** The bot that owns the dialog. */
  bot: string;
  step: string;
  data: unknown;
  expiresAt: Date;
}

/** Where sessions live, by id (`<channel>:<userId>`). Compare grammY's StorageAdapter. */
export interface SessionStore {
  read(id: string): Promise<SessionRecord | null>;
  write(id: string, record: SessionRecord): Promise<void>;
  /** Removes it; with `expiresAt`, only while it still has that expiry, so a newer write wins. */
  remove(id: string, expiresAt?: Date): Promise<void>;
  /** Sessions whose expiry is at or before `at`, earliest first, with their ids. */
  expired(at: Date, limit: number): Promise<Array<SessionRecord & { id: string }>>;
}
