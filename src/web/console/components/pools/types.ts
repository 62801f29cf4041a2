// Shapes the pool pages read from the server (instructors, venues, bookings).
export const INSTRUCTOR_KINDS = ['full_time', 'part_time', 'volunteer'] as const;
export const VETTING_STATUSES = ['pending', 'approved', 'suspended'] as const;
export const VENUE_UNIT_KINDS = ['institution', 'library', 'museum', 'culture_centre', 'school', 'enterprise', 'sports_ground', 'community_centre', 'other'] as const;
export const BOOKING_PURPOSES = ['class', 'event', 'ad_hoc'] as const;

export interface Category { code: string; nameZh: string; nameEn: string }
interface Owned {
  id: string; ownerRegionCode: string; ownerRegionName: string; ownerLevel: 'district' | 'street' | 'community';
  ownerInstitutionId: string | null; ownerInstitutionName: string | null; shared: boolean; canEdit: boolean; version: number; updatedAt: string;
}
export interface Instructor extends Owned {
  name: string; kind: string; phone: string; specialities: { code: string; nameZh: string; nameEn: string }[]; languages: string[];
  qualifications: string | null; certificates: { id: string; filename: string; url: string }[]; bio: string | null;
  availability: { weekday: number; from: string; to: string }[]; vettingStatus: 'pending' | 'approved' | 'suspended'; vettingReason: string | null; vettedByName: string | null;
}
export interface Venue extends Owned {
  name: string; unitKind: string; unitName: string | null; regionCode: string; regionName: string; address: string | null; floorAreaM2: number | null;
  capacity: number | null; facilities: string[]; stepFree: boolean; lift: boolean; hearingLoop: boolean; openingHours: string | null;
  photos: { id: string; filename: string; url: string }[]; bookable: boolean; approvalRequired: boolean; contactName: string | null; contactPhone: string | null;
  status: 'active' | 'inactive';
}
export interface Booking {
  id: string; venueId: string; venueName: string; startsAt: string; endsAt: string; purpose: string; title: string;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled'; requesterName: string; reason: string | null; canDecide: boolean; canCancel: boolean;
}
export interface PoolSummaryData {
  total: number; byLevel: Record<string, number>; byStreet: { code: string; name: string; count: number }[];
  byKind: Record<string, number>; byCategory?: Record<string, number>; byStatus: Record<string, number>;
}
