import type { LiveRecipient } from '../domain/deadlines/reminder-runner';
import type { Services } from '../domain/services';
import type { OutgoingMessage } from '../kernel/messages';

/**
 * Writes a row's message again from its item's state at delivery (`OutboxRow.live`), so a reminder that
 * goes out later than it was written — a platform outage, retries — says where things stand then.
 * Null: the item no longer needs the message (answered, rescheduled), or `to` no longer does, and it is dropped.
 */
export type LiveRenderer = (ref: string, now: Date, to: LiveRecipient) => Promise<OutgoingMessage | null>;

/** Renderers by `LiveRef.kind`; a row whose kind has none goes out as written. */
export type LiveRenderers = ReadonlyMap<string, LiveRenderer>;

type LiveServices = Pick<
  Services,
  'documents' | 'ladder' | 'meetings' | 'clues' | 'inspections' | 'consultations' | 'fileAccess' | 'courtSupervision' | 'accountability' | 'mediation'
>;

/** Every live renderer of the domain, by kind: every reminder that carries a countdown or an overdue figure. */
export function liveRenderers(services: LiveServices): LiveRenderers {
  const renderers = new Map<string, LiveRenderer>();
  for (const register of [
    services.inspections,
    services.consultations,
    services.fileAccess,
    services.courtSupervision,
    services.accountability,
    services.mediation,
  ]) {
    renderers.set(register.reminders.kind, (ref, now) => register.reminders.render(ref, now));
  }
  for (const [kind, renderer] of [
    ...services.documents.liveRenderers(),
    ...services.ladder.liveRenderers(),
    ...services.meetings.liveRenderers(),
    ...services.clues.liveRenderers(),
  ]) {
    renderers.set(kind, renderer);
  }
  return renderers;
}
