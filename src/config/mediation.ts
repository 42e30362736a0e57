import { z } from 'zod';
import { periodSchema } from './deadlines';

/** config/mediation.yaml: 行政争议调解 numbering, handling period, stages and outcomes. */
export const mediationSchema = z
  .strictObject({
    numberPrefix: z.string().regex(/^[A-Z]{2}$/),
    handling: periodSchema,
    stages: z.array(z.string().min(1)).min(1),
    outcomes: z.array(z.string().min(1)).min(1),
    successOutcome: z.string().min(1),
  })
  .refine((m) => m.outcomes.includes(m.successOutcome), { message: 'successOutcome must be one of outcomes', path: ['successOutcome'] });

export type MediationConfig = z.infer<typeof mediationSchema>;
