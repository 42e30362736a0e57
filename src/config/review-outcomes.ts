import { z } from 'zod';

const words = z.array(z.string().trim().min(1)).min(1);
const kind = z.strictObject({ name: z.string().min(1), adverse: words, other: words });

/** config/review-outcomes.yaml: outcomes, act types and reason categories of 复议/诉讼 records, and 分析's flag rule. */
export const reviewOutcomesSchema = z.strictObject({
  kinds: z.strictObject({ reconsideration: kind, litigation: kind }),
  actTypes: words,
  reasons: words,
  analysis: z.strictObject({
    topReasons: z.number().int().min(1).max(10),
    risePoints: z.number().min(0).max(100),
    minCases: z.number().int().min(1),
  }),
});

export type ReviewOutcomesConfig = z.infer<typeof reviewOutcomesSchema>;
export type ReviewKind = keyof ReviewOutcomesConfig['kinds'];
export const REVIEW_KINDS: readonly ReviewKind[] = ['reconsideration', 'litigation'];
