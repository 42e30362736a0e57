import { z } from 'zod';
import { ROLES } from '../kernel/people';
import { AGENCY_KINDS } from './agencies';

/** What a person may do with items of a kind: the actions of the one visibility policy (config/visibility.yaml). */
export const VISIBILITY_ACTIONS = ['view', 'list', 'count', 'export', 'search', 'question'] as const;
export type VisibilityAction = (typeof VISIBILITY_ACTIONS)[number];

export const ITEM_KINDS = ['clue', 'document', 'meeting', 'inspection'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const SCOPES = ['none', 'own', 'county'] as const;
export type Scope = (typeof SCOPES)[number];

const scope = z.enum(SCOPES);
/** One scope for every action, or a scope per action (an action not named takes the view's). */
const itemScopes = z.union([
  scope,
  z.strictObject({ view: scope }).extend(Object.fromEntries(VISIBILITY_ACTIONS.filter((a) => a !== 'view').map((a) => [a, scope.optional()]))),
]);
const byRole = z.strictObject(Object.fromEntries(ROLES.map((r) => [r, z.strictObject(Object.fromEntries(ITEM_KINDS.map((k) => [k, itemScopes])))])));

export const visibilitySchema = z.strictObject(Object.fromEntries(AGENCY_KINDS.map((k) => [k, byRole]))).superRefine((matrix, ctx) => {
  const rank = (s: Scope) => SCOPES.indexOf(s);
  for (const [kind, roles] of Object.entries(matrix)) {
    for (const [role, items] of Object.entries(roles as Record<string, Record<string, unknown>>)) {
      for (const [item, value] of Object.entries(items)) {
        if (typeof value === 'string') continue;
        const scopes = value as Record<string, Scope>;
        for (const action of ['list', 'export', 'search', 'question'] as const) {
          if (scopes[action] && rank(scopes[action]) > rank(scopes.view!)) {
            ctx.addIssue({ code: 'custom', path: [kind, role, item, action], message: `${action} may not reach past view (${scopes.view})` });
          }
        }
      }
    }
  }
});

/** The matrix as read: agency kind → role → item kind → a scope or scopes by action. */
export type VisibilityConfig = Record<string, Record<string, Record<ItemKind, Scope | ({ view: Scope } & Partial<Record<VisibilityAction, Scope>>)>>>;
