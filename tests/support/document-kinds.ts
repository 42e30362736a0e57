import { type AppConfig, loadConfig } from '../../src/config';
import { DocumentKinds } from '../../src/domain/documents/kinds';
import { Organization } from '../../src/domain/organization';

/** The shipped configuration (or another folder), its organization and its document kinds, for unit tests. */
export function configured(configDir = 'config'): { config: AppConfig; org: Organization; kinds: DocumentKinds } {
  const config = loadConfig({ CONFIG_DIR: configDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const org = new Organization(config);
  return { config, org, kinds: new DocumentKinds(config.deadlines.documents, config.reminders.deadlines, org) };
}
