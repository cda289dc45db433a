export * from './enums';
export * from './plans';
export * from './http';
