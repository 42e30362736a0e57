import { z } from 'zod';

export const AGENCY_KINDS = ['supervisor', 'government', 'enforcement'] as const;

export const agenciesSchema = z
  .object({
    agencies: z
      .array(
        z.object({
          code: z.string().regex(/^[a-z][a-z0-9]*$/, 'lower-case letters and digits'),
          name: z.string().min(1),
          shortName: z.string().min(1),
          kind: z.enum(AGENCY_KINDS),
        }),
      )
      .min(1),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.agencies.forEach((agency, index) => {
      if (seen.has(agency.code)) ctx.addIssue({ code: 'custom', path: ['agencies', index, 'code'], message: `duplicate code ${agency.code}` });
      seen.add(agency.code);
    });
    for (const required of ['jw', 'jcy', 'sfj', 'zf']) {
      if (!seen.has(required)) ctx.addIssue({ code: 'custom', path: ['agencies'], message: `agency ${required} is required` });
    }
  });

export type AgenciesConfig = z.infer<typeof agenciesSchema>;
export type Agency = AgenciesConfig['agencies'][number];
