export * from '../../kernel/time/errors';
export * from '../../kernel/time/local-date';
export * from '../../kernel/time/local-time';
export * from '../../kernel/time/period';
export * from './calendar';
export * from './count';
export * from './reminder-steps';
