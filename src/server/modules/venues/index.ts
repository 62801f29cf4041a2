// Venues: the three-level venue pool (场地资源库) and bookings of its venues, refused when they overlap.
import { registerMessages } from '../../kernel/messages';
import { messages, terms } from './venues.messages';

registerMessages(messages, terms);

export { createVenuesRepository } from './venues.repository';
export { createVenuesService, type VenuesService } from './venues.service';
export { createBookingsService, type BookingsService } from './bookings.service';
export { createVenuesExcel } from './venues.excel';
export { venueRoutes } from './venues.routes';
