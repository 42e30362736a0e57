import { join, resolve } from 'node:path';
import { agenciesSchema, type AgenciesConfig } from './agencies';
import { loadEnv } from './env';
import { loadYamlFile } from './load';
import { rolesSchema, type RolesConfig } from './roles';
import { checkAgencyReferences, deadlinesSchema } from './deadlines';
import { holidaysSchema } from './holidays';
import { remindersSchema } from './reminders';
import { loadRoutingConfig } from './routing';
import { loadClueKeys } from './clue-keys';
import { loadSignIn } from './sign-in';
import { checkServedKinds, reportsSchema } from './reports';
import { sharingSchema } from './sharing';
import { reviewOutcomesSchema } from './review-outcomes';
import { accountabilitySchema } from './accountability';
import { mediationSchema } from './mediation';
import { retentionSchema } from './retention';
import { escalationSchema } from './escalation';
import { indicatorsSchema } from './indicators';
import { caseworkSchema } from './casework';
import { groupsSchema } from './groups';
import { attachmentsSchema } from './attachments';
import { visibilitySchema, type VisibilityConfig } from './visibility';

export { ConfigError } from './load';

/** Loads the environment and every YAML file of the config folder; the first problem stops start-up. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env) {
  const env = loadEnv(source);
  const dir = resolve(env.CONFIG_DIR);
  const agencies = loadYamlFile(dir, 'agencies.yaml', agenciesSchema);
  const roles = loadYamlFile(dir, 'roles.yaml', rolesSchema);
  const deadlines = loadYamlFile(dir, 'deadlines.yaml', deadlinesSchema);
  checkAgencyReferences(join(dir, 'deadlines.yaml'), deadlines, agencies);
  const reminders = loadYamlFile(dir, 'reminders.yaml', remindersSchema);
  const holidays = loadYamlFile(dir, 'holidays.yaml', holidaysSchema).years;
  const routing = loadRoutingConfig(dir);
  const clueKeys = loadClueKeys(
    env,
    agencies.agencies.map((a) => a.code),
    source,
  );
  const signIn = loadSignIn(env);
  const reports = loadYamlFile(dir, 'reports.yaml', reportsSchema);
  checkServedKinds(join(dir, 'reports.yaml'), reports, Object.keys(deadlines.documents));
  const sharing = loadYamlFile(dir, 'sharing.yaml', sharingSchema);
  const reviewOutcomes = loadYamlFile(dir, 'review-outcomes.yaml', reviewOutcomesSchema);
  const accountability = loadYamlFile(dir, 'accountability.yaml', accountabilitySchema);
  const mediation = loadYamlFile(dir, 'mediation.yaml', mediationSchema);
  const retention = loadYamlFile(dir, 'retention.yaml', retentionSchema);
  const escalation = loadYamlFile(dir, 'escalation.yaml', escalationSchema);
  const indicators = loadYamlFile(dir, 'indicators.yaml', indicatorsSchema);
  const casework = loadYamlFile(dir, 'casework.yaml', caseworkSchema);
  const groups = loadYamlFile(dir, 'groups.yaml', groupsSchema);
  const attachments = loadYamlFile(dir, 'attachments.yaml', attachmentsSchema);
  const visibility = loadYamlFile(dir, 'visibility.yaml', visibilitySchema) as VisibilityConfig;
  return {
    env,
    dir,
    ...agenciesOf(agencies),
    ...rolesOf(roles),
    deadlines,
    reminders,
    holidays,
    routing,
    clueKeys,
    signIn,
    reports,
    sharing,
    reviewOutcomes,
    accountability,
    mediation,
    retention,
    escalation,
    indicators,
    casework,
    groups,
    attachments,
    visibility,
  };
}

export type AppConfig = ReturnType<typeof loadConfig>;

function agenciesOf(file: AgenciesConfig) {
  return { agencies: file.agencies, agencyParts: file.parts };
}

function rolesOf(file: RolesConfig) {
  return { roles: file.roles, permissions: file.permissions, audiences: file.audiences };
}
