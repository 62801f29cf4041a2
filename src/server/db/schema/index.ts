export * from './spine';
export * from './files';
export * from './venues';
