// The lottery answers the portal's pages share, as the API gives them.
import type { Answer } from '../../../shared/api';

/** A round in the public list (and on an offering's page). */
export type ListedRound = Answer<'/api/public/lottery-rounds'>['items'][number];
export type PublicRound = Answer<'/api/public/lottery-rounds/{id}'>;
/** A class one can choose, with what an applicant weighs it by: when, where, at what cost. */
export type LotteryChoice = PublicRound['offerings'][number];
export type MyApplication = NonNullable<Answer<'/api/lottery-rounds/{id}/my-application'>['application']>;
