// Learning teams: residents' own teams, joining with the leader's consent, and an activity log with attendance.
import { registerMessages } from '../../kernel/messages';
import { messages } from './teams.messages';

registerMessages(messages);

export { createTeamsRepository } from './teams.repository';
export { createTeamsService, type TeamsService } from './teams.service';
export { teamRoutes } from './teams.routes';
