import { z } from 'zod';

/** config/attachments.yaml: size, count, link lifetime and accepted types of clue evidence attachments. */
export const attachmentsSchema = z
  .object({
    maxBytes: z.number().int().positive(),
    maxPerClue: z.number().int().positive(),
    linkMinutes: z
      .number()
      .int()
      .positive()
      .max(24 * 60),
    types: z.record(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/), z.string().regex(/^[a-z0-9]{1,8}$/)),
  })
  .strict();

export type AttachmentsConfig = z.infer<typeof attachmentsSchema>;
