export * from './spine';
export * from './awards';
export * from './teams';
export * from './governance';
