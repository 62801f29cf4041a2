// Demo: the sample institutions, staff accounts and resident loaded with a demo district.
export { seedDemo, seedDemoCourses, seedProgrammeDemo, seedDemoOfferings, DEMO_PASSWORD } from './demo';
