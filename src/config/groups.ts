import { z } from 'zod';

const commands = z.array(z.string().min(1)).max(50);

/** config/groups.yaml: which commands answer inside a group conversation, by default and per group. */
export const groupsSchema = z.strictObject({
  default: z.strictObject({ commands }),
  groups: z.array(z.strictObject({ channel: z.string().min(1), id: z.string().min(1).max(256), name: z.string().optional(), commands })).default([]),
});

export type GroupsConfig = z.infer<typeof groupsSchema>;

/** The commands a group may be answered with in the group itself (the rest go to the sender privately). */
export function groupCommands(config: GroupsConfig, channel: string, group: string): readonly string[] {
  return (config.groups.find((g) => g.channel === channel && g.id === group) ?? config.default).commands;
}
