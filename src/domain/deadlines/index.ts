export * from './errors';
export * from './local-date';
export * from './local-time';
export * from './period';
export * from './calendar';
export * from './count';
export * from './reminder-steps';
