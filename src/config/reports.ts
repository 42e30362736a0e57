import { z } from 'zod';
import { timeOfDay } from './time-of-day';

export const BULLETIN_PLACEHOLDERS = ['asOf', 'inspections', 'units', 'notices', 'recommendations', 'rectified'] as const;

const sentenceSchema = z.string().superRefine((value, ctx) => {
  for (const name of value.match(/\{[^}]*\}/g) ?? []) {
    if (!(BULLETIN_PLACEHOLDERS as readonly string[]).includes(name.slice(1, -1))) {
      ctx.addIssue({ code: 'custom', message: `unknown placeholder ${name}; known: ${BULLETIN_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}` });
    }
  }
});

/** config/reports.yaml: the bulletin, its monthly schedule, paging, links and the chart font. */
export const reportsSchema = z.strictObject({
  bulletin: z.strictObject({
    sentence: sentenceSchema,
    overdueListed: z.number().int().min(0).max(100),
    regular: z.strictObject({
      day: z.union([z.literal('firstWorkingDay'), z.number().int().min(1).max(28)]),
      time: timeOfDay,
    }),
  }),
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
