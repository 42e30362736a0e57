import { z } from 'zod';
import { ConfigError } from './load';
import { timeOfDay } from './time-of-day';

/** The bulletin's own placeholders; `served` adds one per document kind counted. */
export const BULLETIN_PLACEHOLDERS = ['asOf', 'inspections', 'units', 'rectified'] as const;

const placeholderName = z.string().regex(/^[a-zA-Z]+$/, 'a placeholder name of letters');

const bulletinSchema = z
  .strictObject({
    sentence: z.string(),
    /** Placeholder → document kind (config/deadlines.yaml): documents of that kind served in the period. */
    served: z.record(placeholderName, z.string()).default({}),
    overdueListed: z.number().int().min(0).max(100),
    regular: z.strictObject({
      day: z.union([z.literal('firstWorkingDay'), z.number().int().min(1).max(28)]),
      time: timeOfDay,
    }),
  })
  .superRefine((bulletin, ctx) => {
    const known = [...BULLETIN_PLACEHOLDERS, ...Object.keys(bulletin.served)];
    for (const name of Object.keys(bulletin.served)) {
      if ((BULLETIN_PLACEHOLDERS as readonly string[]).includes(name)) {
        ctx.addIssue({ code: 'custom', path: ['served', name], message: `{${name}} is already a placeholder of the bulletin` });
      }
    }
    for (const name of bulletin.sentence.match(/\{[^}]*\}/g) ?? []) {
      if (!known.includes(name.slice(1, -1))) {
        ctx.addIssue({ code: 'custom', path: ['sentence'], message: `unknown placeholder ${name}; known: ${known.map((p) => `{${p}}`).join(' ')}` });
      }
    }
  });

/** config/reports.yaml: the bulletin, its monthly schedule, paging, links and the chart font. */
export const reportsSchema = z.strictObject({
  bulletin: bulletinSchema,
  overdue: z.strictObject({ pageSize: z.number().int().min(1).max(50) }),
  links: z.strictObject({
    expireMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  }),
  chart: z.strictObject({ fontFiles: z.array(z.string().min(1)).min(1) }),
});

export type ReportsConfig = z.infer<typeof reportsSchema>;

/** Each kind the bulletin counts must be a kind of config/deadlines.yaml. */
export function checkServedKinds(source: string, reports: ReportsConfig, kinds: readonly string[]): void {
  const problems = Object.entries(reports.bulletin.served)
    .filter(([, kind]) => !kinds.includes(kind))
    .map(([name, kind]) => `${source}: bulletin.served.${name}: "${kind}" is not a kind of deadlines.yaml (${kinds.join(', ')})`);
  if (problems.length) throw new ConfigError(problems.join('\n'));
}
