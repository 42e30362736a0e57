import { z } from 'zod';
import type { Person } from '../../kernel/people';
import { Refusal } from '../errors';
import type { Organization } from '../organization';
import type { BackRegistration, DocumentService } from './document-service';

const answer = z.strictObject({ date: z.string(), text: z.string().min(1).max(500) });

const row = z.strictObject({
  /** A kind registered by command: its key (recommendation) or name (检察建议书). */
  kind: z.string(),
  reference: z.string().min(1).max(100),
  /** The agency that issued it (code or name); the import acts for it. */
  issuer: z.string(),
  recipient: z.string().optional(),
  startDate: z.string(),
  /** An issuer's own deadline instead of the kind's period. */
  dueDate: z.string().optional(),
  urgent: z.boolean().optional(),
  reply: answer.optional(),
  correction: answer.optional(),
});

/** The documents part of the bulk-import JSON (docs/import-format.md). */
export const documentImportSchema = z.strictObject({ documents: z.array(row).min(1) });

export type DocumentImportRow = z.infer<typeof row>;

/** One checked row: who registers it and what. */
export interface CheckedDocument {
  person: Person;
  input: BackRegistration;
}

/** Checks every row as a registration (kind, units, dates, answers); returns the problems by JSON path, or the rows. */
export function checkDocumentRows(
  rows: readonly DocumentImportRow[],
  documents: DocumentService,
  org: Organization,
): { checked: CheckedDocument[]; problems: { at: string; message: string }[] } {
  const checked: CheckedDocument[] = [];
  const problems: { at: string; message: string }[] = [];
  rows.forEach((r, i) => {
    try {
      const kind = documents.kinds.resolve(r.kind);
      const person: Person = { channel: 'console', userId: 'import', name: '批量导入', agency: org.resolve(r.issuer).code, roles: ['officer'] };
      const input: BackRegistration = {
        kind: kind.key,
        reference: r.reference,
        recipient: r.recipient,
        startDate: r.startDate,
        urgent: r.urgent ?? false,
        customDue: r.dueDate,
        reply: r.reply,
        correction: r.correction,
      };
      documents.planBackRegistration(person, input);
      checked.push({ person, input });
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      problems.push({ at: `documents[${i}]`, message: err.message });
    }
  });
  return { checked, problems };
}
