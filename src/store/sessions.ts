/** Multi-turn wizard state. Expiry is enforced in code: FerretDB has no TTL indexes. */
export interface SessionDoc {
  /** `<channel>:<userId>`: FerretDB 1.x finds a document without a scan only by exact _id. */
  _id: string;
  channel: string;
  userId: string;
  bot: string;
  step: string;
  data: Record<string, unknown>;
  expiresAt: Date;
}
