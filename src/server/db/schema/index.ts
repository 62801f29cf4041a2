export * from './spine';
export * from './awards';
export * from './teams';
export * from './governance';
export * from './files';
export * from './categories';
export * from './archive';
export * from './monitoring';
