export * from './spine';
export * from './files';
export * from './categories';
export * from './archive';
export * from './monitoring';
export * from './courses';
