export * from './spine';
export * from './files';
