// Shapes the console reads from the server (see the API plan).
export type RegionLevel = 'province' | 'city' | 'district' | 'street' | 'community';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  kind: string | null;
  parentCode: string | null;
  path: { code: string; name: string; level: RegionLevel }[];
  population: { year: number; total: number; age60plus: number | null; source: string } | null;
  childCount: number;
  descendantCounts: { street: number; community: number };
  institutionCount: number;
}

export const INSTITUTION_TYPES = [
  'community_college', 'street_branch', 'community_school', 'learning_point', 'elderly_university', 'elderly_school', 'other_provider',
] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

export interface Institution {
  id: string;
  name: string;
  type: InstitutionType;
  regionCode: string;
  regionName: string;
  regionPath: unknown;
  address: string | null;
  floorAreaM2: number | null;
  fullTimeStaff: number;
  partTimeStaff: number;
  contactName: string | null;
  contactPhone: string | null;
  openingHours: string | null;
  status: 'active' | 'inactive';
  createdAt: string;
  updatedAt: string;
  version: number | string;
}

export const ROLES = [
  'system_admin', 'region_admin', 'institution_staff', 'member_unit_reporter', 'credit_bank_officer', 'leader', 'instructor',
] as const;

export interface StaffAccount {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  role: (typeof ROLES)[number];
  scopes: { regionCode: string | null; regionName: string | null; institutionId: string | null; institutionName: string | null }[];
  status: 'active' | 'disabled';
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  regionCode: string | null;
  ip: string | null;
  details: unknown;
}

export interface Resident {
  id: string;
  phone: string;
  realName: string;
  idNumber: string;
  birthYear: number;
  sex: 'male' | 'female';
  age: number;
  homeRegion: { code: string; name: string; path: { code: string; name: string }[] };
}

export interface Coverage {
  region: { code: string; name: string };
  streets: { total: number; withCommunitySchool: number; without: { code: string; name: string }[] };
  communities: {
    total: number;
    withLearningPoint: number;
    withoutLearningPoint: { code: string; name: string; streetName: string }[];
    withElderlyPoint: number;
    withoutElderlyPoint: { code: string; name: string; streetName: string }[];
  };
}
