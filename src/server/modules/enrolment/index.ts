// Enrolment in classes and events: first come, approval, open events, waitlist offers, cancellation, fees, proxy enrolment (代报).
import { registerMessages } from '../../kernel/messages';
import { messages } from './enrolment.messages';

registerMessages(messages, {
  'zh-CN': { proxy_enrol: '报名', proxy_cancel: '取消报名', proxy_confirm: '确认候补名额' },
  en: { proxy_enrol: 'enrolled', proxy_cancel: 'cancelled', proxy_confirm: 'confirmed a held place' },
});

export { createEnrolmentRepository } from './enrolment.repository';
export { createEnrolmentService, type EnrolmentService } from './enrolment.service';
export type { EnrolmentEvent, EnrolmentListener, PaymentProvider } from './enrolment.core';
export { enrolmentRoutes } from './enrolment.routes';
export type { OfferingsPort, OfferingFacts } from './enrolment.ports';
