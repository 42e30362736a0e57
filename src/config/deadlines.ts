import { z } from 'zod';

const amount = z.number().int().min(1).max(1200);

/** `{ months: 2 }`, `{ days: 15 }` or `{ workingDays: 15 }` → a domain Period. */
export const periodSchema = z.union([
  z.strictObject({ months: amount }).transform((p) => ({ unit: 'months' as const, amount: p.months })),
  z.strictObject({ days: amount }).transform((p) => ({ unit: 'days' as const, amount: p.days })),
  z.strictObject({ workingDays: amount }).transform((p) => ({ unit: 'workingDays' as const, amount: p.workingDays })),
]);

const agencyCode = z.string().regex(/^[a-z][a-z0-9]*$/, 'an agency code');

const documentTypeSchema = z.strictObject({
  name: z.string().min(1),
  numberPrefix: z.string().regex(/^[A-Z]{2}$/, 'two capital letters'),
  /** Agency code that issues it; 'enforcement' = any enforcement unit. */
  issuer: z.union([agencyCode, z.literal('enforcement')]),
  ordinary: periodSchema,
  urgent: periodSchema.optional(),
  /** Suggested next steps told to the issuer and sfj on the first overdue day. */
  escalation: z.array(z.string().min(1)).min(1),
});

const transferStepSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z_]*$/),
  name: z.string().min(1),
  /** Who must act in this step: the transferring unit or the police. */
  actor: z.enum(['unit', 'police']),
  period: periodSchema,
});

/** config/deadlines.yaml: deadline rules per document type, each with its legal source. */
export const deadlinesSchema = z.strictObject({
  documents: z.strictObject({
    recommendation: documentTypeSchema.extend({ urgent: periodSchema }),
    notice: documentTypeSchema,
    decision: documentTypeSchema,
    transfer: documentTypeSchema.extend({
      recipient: agencyCode,
      steps: z.array(transferStepSchema).min(1),
    }),
  }),
  clueAcceptance: periodSchema,
});

export type DeadlinesConfig = z.infer<typeof deadlinesSchema>;
export type DocumentTypeConfig = DeadlinesConfig['documents'][keyof DeadlinesConfig['documents']];
export type DocumentKind = keyof DeadlinesConfig['documents'];
