import { z } from 'zod';

export const CLUE_ROUTES = ['jw', 'jcy', 'sfj'] as const;
export type ClueRoute = (typeof CLUE_ROUTES)[number];

const phraseWeights = z
  .record(z.string().trim().min(1), z.number().positive())
  .refine((weights) => Object.keys(weights).length > 0, 'needs at least one phrase');

const routeRules = z.object({
  label: z.string().min(1),
  /** One line telling the officer what this route takes, shown when the bot asks. */
  explain: z.string().min(1),
  categories: z
    .record(z.string().trim().min(1), z.object({ phrases: phraseWeights }))
    .refine((categories) => Object.keys(categories).length > 0, 'needs at least one category'),
});

export const routingConfigSchema = z.object({
  /** The least score a route needs to be chosen without asking. */
  minScore: z.number().positive(),
  /** How far the winner must be ahead of the runner-up to be chosen without asking. */
  margin: z.number().min(0),
  routes: z.object({ jw: routeRules, jcy: routeRules, sfj: routeRules }).strict(),
  higherLevel: z.object({
    phrases: z.array(z.string().trim().min(1)).min(1),
    ignore: z.array(z.string().trim().min(1)).default([]),
    advice: z.string().min(1),
  }),
});

export type RoutingConfig = z.infer<typeof routingConfigSchema>;
