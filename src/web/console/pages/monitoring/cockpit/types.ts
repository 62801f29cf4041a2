// The parts of the overview (GET /api/monitoring/overview) the cockpit's pieces are given.
import type { Answer } from '../../../../shared/api';

type Overview = Answer<'/api/monitoring/overview'>;
export type Headline = Overview['headline'][number];
export type Status = Headline['status'];
/** An indicator as a heat-table column names it. */
export type Named = Overview['heat']['columns'][number];
export type HeatRow = Overview['heat']['rows'][number];
