// Monitoring and evaluation: population, data reporting, the indicator system, the dashboard, the annual report and the UNESCO self-report.
import { registerMessages } from '../../kernel/messages';
import { messages } from './monitoring.messages';

registerMessages(messages);

export { createMonitoringRepository } from './monitoring.repository';
export { createQueryRegistry, type NamedQuery, type QueryContext, type QueryRegistry } from './monitoring.queries';
export { createIndicatorsService, type IndicatorsService } from './indicators.service';
export { indicatorRoutes } from './indicators.routes';
export { createFormsService, type FormsService } from './forms.service';
export { formRoutes } from './forms.routes';
export { createPopulationService, type PopulationService } from './population.service';
export { populationRoutes } from './population.routes';
export { activityQueries } from './activity.queries';
export { participationQueries, sharedParticipation, yearBounds } from './participation.queries';
export { createOverviewService, type OverviewService, type Overview } from './overview.service';
export { createReportsService, type ReportsService } from './report.service';
export { createReportRepository } from './report.repository';
export { reportRoutes } from './report.routes';
export { overviewRoutes } from './overview.routes';
export { createUnescoReportService, type UnescoReportService } from './unesco-report.service';
export { unescoReportRoutes } from './unesco-report.routes';
