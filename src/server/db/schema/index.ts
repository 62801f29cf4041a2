export * from './spine';
export * from './monitoring';
