import { randomBytes } from 'node:crypto';

/** The console's token for this run: the bench server runs in production, where the console API requires one. */
export const CONSOLE_TOKEN = randomBytes(24).toString('base64');

/** Headers of a console API request in the bench. */
export const CONSOLE_HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${CONSOLE_TOKEN}` } as const;
