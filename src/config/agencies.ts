import { z } from 'zod';

export const AGENCY_KINDS = ['supervisor', 'government', 'enforcement'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** The parts agencies play in the mechanism, and the kind of agency each part must be. */
export const AGENCY_PARTS = {
  discipline: 'supervisor',
  procuratorate: 'supervisor',
  justice: 'supervisor',
  government: 'government',
  police: 'enforcement',
} as const satisfies Record<string, AgencyKind>;
export type AgencyPart = keyof typeof AGENCY_PARTS;

const agencySchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9]*$/, 'lower-case letters and digits'),
  name: z.string().min(1),
  shortName: z.string().min(1),
  /** Other names people type for it (纪委, 监委 …), for the name resolver (src/domain/names). */
  aliases: z.array(z.string().min(1)).default([]),
  kind: z.enum(AGENCY_KINDS),
});

export const agenciesSchema = z
  .object({
    agencies: z.array(agencySchema).min(1),
    parts: z.strictObject(Object.fromEntries(Object.keys(AGENCY_PARTS).map((part) => [part, z.string()])) as Record<AgencyPart, z.ZodString>),
  })
  .superRefine((value, ctx) => {
    const byCode = new Map<string, z.infer<typeof agencySchema>>();
    for (const [index, agency] of value.agencies.entries()) {
      if (byCode.has(agency.code)) ctx.addIssue({ code: 'custom', path: ['agencies', index, 'code'], message: `duplicate code ${agency.code}` });
      byCode.set(agency.code, agency);
    }
    // One name, one agency: a name two agencies answer to could never be resolved (src/domain/names).
    const owners = new Map<string, string>();
    for (const [index, agency] of value.agencies.entries()) {
      for (const name of new Set([agency.code, agency.name, agency.shortName, ...agency.aliases])) {
        const owner = owners.get(name);
        if (owner && owner !== agency.code) ctx.addIssue({ code: 'custom', path: ['agencies', index], message: `name ${name} is already ${owner}'s` });
        owners.set(name, agency.code);
      }
    }
    for (const [part, kind] of Object.entries(AGENCY_PARTS)) {
      const code = value.parts[part as AgencyPart];
      const agency = byCode.get(code);
      if (!agency) ctx.addIssue({ code: 'custom', path: ['parts', part], message: `unknown agency ${code}` });
      else if (agency.kind !== kind) ctx.addIssue({ code: 'custom', path: ['parts', part], message: `${code} must be an agency of kind ${kind}` });
    }
  });

export type AgenciesConfig = z.infer<typeof agenciesSchema>;
export type Agency = AgenciesConfig['agencies'][number];
