import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';

/** A configuration problem: names the file and the key, and stops start-up. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function describeIssues(file: string, issues: z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const key = issue.path.length ? issue.path.map(String).join('.') : '(whole file)';
      return `${file}: ${key}: ${issue.message}`;
    })
    .join('\n');
}

/** Validates a value against a schema; a failure names the source and each bad key. */
export function validate<S extends z.ZodType>(source: string, schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ConfigError(describeIssues(source, result.error.issues));
  return result.data;
}

/** Reads one YAML file of the config folder and validates it. */
export function loadYamlFile<S extends z.ZodType>(dir: string, name: string, schema: S): z.infer<S> {
  const path = join(dir, name);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`${path}: file is missing or unreadable`);
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${path}: not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  return validate(path, schema, value);
}
