import { z } from 'zod';

/** config/retention.yaml: how long concluded clues keep their texts, and refused clues' facts stay in the conversation log. */
export const retentionSchema = z.strictObject({
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  concludedClues: z.strictObject({ afterDays: z.number().int().min(1) }),
  refusedClues: z.strictObject({
    afterDays: z.number().int().min(1),
    windowMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  }),
});

export type RetentionConfig = z.infer<typeof retentionSchema>;
