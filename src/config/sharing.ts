import { z } from 'zod';
import { periodSchema } from './deadlines';
import { timeOfDay } from './time-of-day';

const words = z.array(z.string().regex(/^\S{2,20}$/, 'a word without spaces')).min(1);

/** config/sharing.yaml: periods and word lists of 调阅, 协作请求, 非诉执行监督 and the monthly 执法信息通报. */
export const sharingSchema = z.strictObject({
  fileAccess: z
    .strictObject({
      answerPeriod: periodSchema,
      defaultDays: z.number().int().min(1).max(365),
      maxDays: z.number().int().min(1).max(365),
    })
    .refine((f) => f.defaultDays <= f.maxDays, 'defaultDays must not exceed maxDays'),
  consultation: z.strictObject({ categories: words, replyPeriod: periodSchema }),
  courtSupervision: z.strictObject({ rulings: words, reviewPeriod: periodSchema }),
  bulletin: z.strictObject({ dueDay: z.number().int().min(1).max(28), remindTime: timeOfDay }),
});

export type SharingConfig = z.infer<typeof sharingSchema>;
