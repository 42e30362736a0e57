import { z } from 'zod';
import { periodSchema } from './deadlines';

/** config/accountability.yaml: 过错责任追究 numbering, periods, measures and the jw hand-over category. */
export const accountabilitySchema = z.strictObject({
  numberPrefix: z.string().regex(/^[A-Z]{2}$/),
  investigation: periodSchema,
  extension: periodSchema,
  maxExtensions: z.number().int().min(0).max(10),
  objection: periodSchema,
  measures: z.array(z.strictObject({ name: z.string().min(1), tier: z.enum(['minor', 'serious']) })).min(1),
  handOverCategory: z.string().min(1),
});

export type AccountabilityConfig = z.infer<typeof accountabilitySchema>;
