// Shapes of the server's answers the portal reads (see the API plan); to be replaced by src/contracts types.
export interface Me {
  id: string;
  kind: 'staff' | 'resident';
  username: string;
  displayName: string;
  role: string | null;
  locale: 'zh-CN' | 'en';
  /** Signed in with a temporary password from the community desk: a new password comes first. */
  mustChangePassword?: boolean;
}

export type RegionLevel = 'province' | 'city' | 'district' | 'street' | 'community';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  kind: string | null;
  parentCode: string | null;
  path: { code: string; name: string; level?: RegionLevel }[];
  population: { year: number; total: number; age60plus: number | null; source: string } | null;
  childCount: number;
  descendantCounts: { street: number; community: number };
  institutionCount: number;
}

export interface ResidentProfile {
  id: string;
  phone: string;
  realName: string;
  idNumber: string;
  /** Only the year: a full date beside the masked ID number would give the number back. */
  birthYear: number;
  sex: 'male' | 'female';
  age: number;
  homeRegion: { code: string; name: string; path: { code: string; name: string }[] };
}

export interface SmsCodeSent {
  sentTo: string;
  expiresInSeconds: number;
  resendAfterSeconds: number;
}
