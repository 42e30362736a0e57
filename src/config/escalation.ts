import { z } from 'zod';
import { timeOfDay } from './time-of-day';

const source = z.string().min(1);
const workingDays = z.number().int().min(1).max(60);

/** config/escalation.yaml: 签收 and the escalation ladder (黄色预警, 红色预警 with the 催办通知书, 通报 draft). */
export const escalationSchema = z.strictObject({
  receipt: z.strictObject({ signWithinWorkingDays: workingDays, source }),
  ladder: z.strictObject({
    time: timeOfDay,
    yellow: z.strictObject({ share: z.number().gt(0).lt(1), source }),
    red: z.strictObject({
      numbering: z.string().refine((text) => text.includes('{seq}') && text.includes('{year}'), 'numbering must contain {year} and {seq}'),
      source,
    }),
    bulletin: z.strictObject({ afterWorkingDays: workingDays, source }),
    fileLinkDays: z.number().int().min(1).max(366),
  }),
});

export type EscalationConfig = z.infer<typeof escalationSchema>;
