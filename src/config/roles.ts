import { z } from 'zod';

export const ROLES = ['officer', 'organizer', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const rolesSchema = z.object({
  roles: z.array(z.object({ code: z.enum(ROLES), name: z.string().min(1), description: z.string().min(1) })).min(1),
});

export type RolesConfig = z.infer<typeof rolesSchema>;
