import { z } from 'zod';
import { CLUE_ROUTES } from './routing';
import { periodSchema } from './deadlines';

/** config/casework.yaml: handling periods, 退回补充's pause, transfer limit and reasons, who sees the assignee. */
export const caseworkSchema = z.strictObject({
  handling: z.strictObject(Object.fromEntries(CLUE_ROUTES.map((route) => [route, periodSchema])) as Record<(typeof CLUE_ROUTES)[number], typeof periodSchema>),
  pauseWhileReturned: z.boolean(),
  transferLimit: z.number().int().min(0).max(10),
  disputePeriod: periodSchema,
  transferReasons: z.array(z.string().min(1).max(30)).min(1).max(9),
  assigneeVisibleToSubmitter: z.boolean(),
});

export type CaseworkConfig = z.infer<typeof caseworkSchema>;
