import { z } from 'zod';
import { ROLES } from '../kernel/people';

export const rolesSchema = z.object({
  roles: z.array(z.object({ code: z.enum(ROLES), name: z.string().min(1), description: z.string().min(1) })).min(1),
});

export type RolesConfig = z.infer<typeof rolesSchema>;
