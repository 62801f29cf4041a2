export * from './spine';
export * from './files';
export * from './categories';
export * from './venues';
export * from './instructors';
