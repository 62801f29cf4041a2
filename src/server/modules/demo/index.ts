// Demo: the sample institutions, staff accounts and resident loaded with a demo district, and a generated year of activity.
export { seedDemo, seedDemoCourses, seedProgrammeDemo, seedDemoOfferings } from './demo';
export { DEMO_PASSWORD } from './demo-password';
export { generateDemoYear, type DemoYearServices, type DemoYearOptions } from './demo-year';
export { createDemoStatus, type DemoStatusService, type DemoStatus } from './demo.status';
export { demoRoutes } from './demo.routes';
