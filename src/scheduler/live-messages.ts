import { DOCUMENT_REMINDER } from '../domain/documents/document-reminders';
import type { Services } from '../domain/services';
import type { OutgoingMessage } from '../kernel/messages';

/**
 * Writes a row's message again from its item's state at delivery (`OutboxRow.live`), so a reminder that
 * goes out later than it was written — a platform outage, retries — says where things stand then.
 * Null: the item no longer needs the message (answered, rescheduled), and it is dropped.
 */
export type LiveRenderer = (ref: string, now: Date) => Promise<OutgoingMessage | null>;

/** Renderers by `LiveRef.kind`; a row whose kind has none goes out as written. */
export type LiveRenderers = ReadonlyMap<string, LiveRenderer>;

/** Every live renderer of the domain, by kind. */
export function liveRenderers(services: Pick<Services, 'documents'>): LiveRenderers {
  return new Map([[DOCUMENT_REMINDER, (ref: string, now: Date) => services.documents.renderReminder(ref, now)]]);
}
