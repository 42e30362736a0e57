import { resolve } from 'node:path';
import { agenciesSchema, type AgenciesConfig } from './agencies';
import { loadEnv } from './env';
import { loadYamlFile } from './load';
import { rolesSchema, type RolesConfig } from './roles';
import { deadlinesSchema } from './deadlines';
import { holidaysSchema } from './holidays';
import { remindersSchema } from './reminders';
import { routingConfigSchema } from './routing';
import { loadClueKeys } from './clue-keys';
import { reportsSchema } from './reports';

export { ConfigError } from './load';

/** Loads the environment and every YAML file of the config folder; the first problem stops start-up. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env) {
  const env = loadEnv(source);
  const dir = resolve(env.CONFIG_DIR);
  return {
    env,
    dir,
    ...agenciesOf(loadYamlFile(dir, 'agencies.yaml', agenciesSchema)),
    ...rolesOf(loadYamlFile(dir, 'roles.yaml', rolesSchema)),
    deadlines: loadYamlFile(dir, 'deadlines.yaml', deadlinesSchema),
    reminders: loadYamlFile(dir, 'reminders.yaml', remindersSchema),
    holidays: loadYamlFile(dir, 'holidays.yaml', holidaysSchema).years,
    routing: loadYamlFile(dir, 'routing.yaml', routingConfigSchema),
    clueKeys: loadClueKeys(env),
    reports: loadYamlFile(dir, 'reports.yaml', reportsSchema),
  };
}

export type AppConfig = ReturnType<typeof loadConfig>;

function agenciesOf(file: AgenciesConfig) {
  return { agencies: file.agencies, agencyParts: file.parts };
}

function rolesOf(file: RolesConfig) {
  return { roles: file.roles, permissions: file.permissions, audiences: file.audiences };
}
