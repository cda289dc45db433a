export * from './enums';
export * from './plans';
export * from './http';
export * from './auth';
export * from './webhooks';
