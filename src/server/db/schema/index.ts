export * from './spine';
export * from './files';
export * from './categories';
export * from './courses';
