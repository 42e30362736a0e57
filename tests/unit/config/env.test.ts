import { describe, expect, it } from 'vitest';
import { consoleEnabled, loadEnv } from '../../../src/config/env';

describe('environment', () => {
  it('validates environment variables by name', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/environment: PORT/);
    expect(() => loadEnv({ WECOM_API_BASE: 'not a url' })).toThrow(/environment: WECOM_API_BASE/);
    expect(loadEnv({ PORT: '' }).PORT).toBe(3000);
  });

  it('turns the console off in production unless asked for', () => {
    expect(consoleEnabled(loadEnv({}))).toBe(true);
    expect(consoleEnabled(loadEnv({ NODE_ENV: 'production' }))).toBe(false);
    expect(consoleEnabled(loadEnv({ NODE_ENV: 'production', CONSOLE_ENABLED: 'true', CONSOLE_TOKEN: 'a-long-enough-console-token' }))).toBe(true);
  });

  it('requires a console token when the console is on in production (issue 22, item 10)', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', CONSOLE_ENABLED: 'true' })).toThrow(/CONSOLE_TOKEN is required/);
    expect(() => loadEnv({ NODE_ENV: 'production', CONSOLE_ENABLED: 'true', CONSOLE_TOKEN: 'short' })).toThrow(/CONSOLE_TOKEN/);
    expect(loadEnv({ NODE_ENV: 'production', CONSOLE_ENABLED: 'true', CONSOLE_TOKEN: 'a-long-enough-console-token' }).CONSOLE_TOKEN).toBe(
      'a-long-enough-console-token',
    );
    expect(loadEnv({ NODE_ENV: 'production' }).CONSOLE_TOKEN).toBeUndefined();
  });
});
