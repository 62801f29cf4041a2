// Lottery (摇号): application windows with ranked choices, a committed seed and a draw anyone can re-run.
import { registerMessages } from '../../kernel/messages';
import { messages } from './lottery.messages';

registerMessages(messages);

export { createLotteryRepository } from './lottery.repository';
export { createLotteryService, type LotteryService, type LotteryOffering, type LotteryPorts } from './lottery.service';
export { lotteryRoutes } from './lottery.routes';
