import { z } from 'zod';
import { AGENCY_KINDS, AGENCY_PARTS, type AgenciesConfig } from './agencies';
import { ConfigError } from './load';
import { deadlineReminderRulesSchema } from './reminders';

const amount = z.number().int().min(1).max(1200);

/** `{ months: 2 }`, `{ days: 15 }` or `{ workingDays: 15 }` → a domain Period. */
export const periodSchema = z.union([
  z.strictObject({ months: amount }).transform((p) => ({ unit: 'months' as const, amount: p.months })),
  z.strictObject({ days: amount }).transform((p) => ({ unit: 'days' as const, amount: p.days })),
  z.strictObject({ workingDays: amount }).transform((p) => ({ unit: 'workingDays' as const, amount: p.workingDays })),
]);

/** An agency code, a part (config/agencies.yaml `parts`) or an agency kind; checked against agencies.yaml on loading. */
const agencyRef = z.string().regex(/^[a-z][a-z0-9]*$/, 'an agency code, a part or an agency kind');

/** The records a kind can be created from instead of a chat command. */
export const SOURCE_RECORDS = ['inspection', 'meeting'] as const;
export type SourceRecord = (typeof SOURCE_RECORDS)[number];

export const CLOSING_ANSWERS = ['reply', 'correction'] as const;
export type ClosingAnswer = (typeof CLOSING_ANSWERS)[number];

const stepSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z_]*$/),
  name: z.string().min(1),
  /** Who must act in this step: the transferring unit or the police. */
  actor: z.enum(['unit', 'police']),
  period: periodSchema,
});

const registrationSchema = z.union([
  z.strictObject({ command: z.string().regex(/^[^\s\d<>[\]]{2,20}$/, 'a command word without spaces or digits') }),
  z.strictObject({ from: z.enum(SOURCE_RECORDS) }),
]);

/** One kind of thing with a deadline (config/deadlines.yaml explains each field). */
const kindSchema = z
  .strictObject({
    name: z.string().min(1),
    /** Other names officers type for it (建议书 …), for the name resolver (src/domain/names). */
    aliases: z.array(z.string().min(1)).default([]),
    numberPrefix: z
      .string()
      .regex(/^[A-Z]{2}$/, 'two capital letters')
      .optional(),
    issuer: agencyRef,
    issuerSide: z.array(agencyRef).default([]),
    recipient: agencyRef.optional(),
    recipientLabel: z.string().min(1).max(10).default('接收单位'),
    startsOn: z.string().min(1).max(4).default('送达'),
    ordinary: periodSchema.optional(),
    urgent: periodSchema.optional(),
    urgentQuestion: z.string().includes('{period}', { message: 'must contain {period}' }).optional(),
    closedBy: z.enum(CLOSING_ANSWERS).default('reply'),
    reminders: deadlineReminderRulesSchema.partial().optional(),
    /** Suggested next steps told to the issuer and the justice bureau on the first overdue day. */
    escalation: z.array(z.string().min(1)).min(1),
    steps: z.array(stepSchema).min(1).optional(),
    startStep: z.string().optional(),
    register: registrationSchema,
  })
  .superRefine((kind, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if ('command' in kind.register) {
      if (!kind.numberPrefix) issue('numberPrefix', 'a kind registered by command needs a number prefix');
      if (!kind.ordinary) issue('ordinary', 'a kind registered by command needs its ordinary period');
    } else if (kind.register.from === 'meeting') {
      if (kind.numberPrefix) issue('numberPrefix', 'a kind registered from a meeting is numbered under the meeting');
    } else if (!kind.numberPrefix) issue('numberPrefix', 'needs a number prefix');
    if (Boolean(kind.urgent) !== Boolean(kind.urgentQuestion)) issue('urgentQuestion', 'urgent and urgentQuestion go together');
    if (kind.steps && !kind.steps.some((step) => step.key === kind.startStep)) issue('startStep', 'must be the key of one of its steps');
    if (kind.startStep && !kind.steps) issue('startStep', 'a kind without steps has no start step');
  });

/** config/deadlines.yaml: every kind of thing with a deadline, each rule with its legal source. */
export const deadlinesSchema = z.strictObject({
  documents: z.record(z.string().regex(/^[a-z][a-zA-Z]*$/, 'a key of letters'), kindSchema).superRefine((kinds, ctx) => {
    const seen = new Map<string, string>();
    const unique = (key: string, field: string, value: string | undefined) => {
      if (value === undefined) return;
      const earlier = seen.get(`${field}:${value}`);
      if (earlier) ctx.addIssue({ code: 'custom', path: [key, field], message: `${value} is already used by ${earlier}` });
      seen.set(`${field}:${value}`, key);
    };
    for (const [key, kind] of Object.entries(kinds)) {
      unique(key, 'numberPrefix', kind.numberPrefix);
      unique(key, 'register', 'command' in kind.register ? kind.register.command : `from ${kind.register.from}`);
    }
    for (const source of SOURCE_RECORDS) {
      if (!seen.has(`register:from ${source}`)) ctx.addIssue({ code: 'custom', path: [], message: `one kind must be registered from ${source}` });
    }
  }),
  clueAcceptance: periodSchema,
});

export type DeadlinesConfig = z.infer<typeof deadlinesSchema>;
export type DocumentKindConfig = DeadlinesConfig['documents'][string];
export type ProcedureStep = z.infer<typeof stepSchema>;

/**
 * The agencies a kind names must exist in agencies.yaml: an issuer or issuerSide may be a code,
 * a part or an agency kind; a fixed recipient is one agency (a code or a part).
 */
export function checkAgencyReferences(source: string, deadlines: DeadlinesConfig, agencies: AgenciesConfig): void {
  const codes = new Set(agencies.agencies.map((a) => a.code));
  const parts = new Set(Object.keys(AGENCY_PARTS));
  const kinds = new Set<string>(AGENCY_KINDS);
  const problems: string[] = [];
  for (const [key, kind] of Object.entries(deadlines.documents)) {
    const check = (field: string, value: string, allowKinds: boolean) => {
      if (codes.has(value) || parts.has(value) || (allowKinds && kinds.has(value))) return;
      const expected = allowKinds ? 'an agency code, a part or an agency kind' : 'an agency code or a part';
      problems.push(`${source}: documents.${key}.${field}: "${value}" is not ${expected} of agencies.yaml`);
    };
    check('issuer', kind.issuer, true);
    for (const [i, who] of kind.issuerSide.entries()) check(`issuerSide.${i}`, who, true);
    if (kind.recipient) check('recipient', kind.recipient, false);
  }
  if (problems.length) throw new ConfigError(problems.join('\n'));
}
