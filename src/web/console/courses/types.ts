// Shapes of the course library and calls for courses as the console reads them.
export const TARGET_GROUPS = ['elderly', 'youth', 'children', 'family', 'workers', 'farmers', 'new_citizens', 'disabled', 'women', 'general'] as const;
export const COURSE_MODES = ['offline', 'online', 'blended'] as const;
export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const;

export interface Category { code: string; nameZh: string; nameEn: string; examples: string[]; sort: number; active: boolean; version: number }
export interface StoredFile { id: string; filename: string; contentType: string; size: number; url: string }

export interface Course {
  id: string; title: string; category: string; categoryName: string; targetGroups: string[]; mode: string; learningHours: number;
  description: string; syllabus?: string; materials?: StoredFile[];
  ownerRegionCode: string; ownerRegionName: string; ownerLevel: 'district' | 'street' | 'community'; ownerInstitutionId: string | null; ownerInstitutionName: string | null;
  shared: boolean; featured: boolean; status: 'draft' | 'published' | 'archived';
  provenance: { kind: 'direct' | 'imported' | 'call'; callId: string | null; proposalId: string | null; priceFen: number | null; contractNo: string | null; supplier: string | null };
  publishedResources: number; canEdit: boolean; canFeature: boolean; updatedAt: string; version: number;
  resources?: Resource[];
}
export interface Resource {
  id: string; kind: 'video' | 'audio' | 'document' | 'link'; title: string; url: string | null; file: { filename: string; size: number } | null;
  durationSeconds: number | null; status: 'draft' | 'published'; learners?: number; completions?: number; secondsSpent?: number;
}
export interface Criterion { name: string; maxScore: number; weight: number }
export interface Call {
  id: string; title: string; requirements: string; categories: { code: string; name: string }[]; ownerRegionCode: string; ownerRegionName: string;
  budgetFen: number; spentFen: number; remainingFen: number; deadline: string; isPastDeadline: boolean; criteria: Criterion[];
  reviewers: { id: string; displayName: string }[]; status: 'draft' | 'open' | 'reviewing' | 'closed'; proposals: { total: number } & Record<string, number>;
  canManage: boolean; canReview: boolean; canSubmit: boolean; version: number;
}
export interface Proposal {
  id: string; title: string; category: string; categoryName: string; targetGroups: string[]; mode: string; learningHours: number; description: string; syllabus: string;
  materials: StoredFile[]; submitterKind: string; submitterName: string; quotedPriceFen: number | null; status: 'submitted' | 'accepted' | 'purchased' | 'rejected';
  decisionReason: string | null; priceFen: number | null; contractNo: string | null; supplier: string | null; courseId: string | null;
  reviewCount: number; averageScore: number | null; scores: { reviewerName: string; scores: number[]; total: number; comment: string | null }[];
  myScore: { scores: number[]; total: number; comment: string | null } | null;
}

export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
