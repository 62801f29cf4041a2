// Work: each staff role's to-do counts for the console home, drawn from the owning modules' own queues.
export { createWorkService, type WorkService, type WorkItem, STARTING_WITHIN_DAYS } from './work.service';
export { workRoutes } from './work.routes';
