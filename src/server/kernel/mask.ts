// How personal data looks wherever it is shown without a permitted, audited full read.
// The ID number shows its first 3 and last 4 characters only: the county code (digits 4–6) would narrow the
// birthplace, and the birth date (digits 7–14) must never be readable from a mask.
export function maskIdNumber(id: string): string {
  return id.length < 10 ? '*'.repeat(id.length) : id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4);
}

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  return phone.length === 11 ? phone.slice(0, 3) + '****' + phone.slice(7) : phone.slice(0, 2) + '****';
}

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
