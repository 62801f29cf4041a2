// How personal data looks wherever it is shown without a permitted, audited full read.
export function maskIdNumber(id: string): string {
  return id.length < 10 ? '*'.repeat(id.length) : id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  return phone.length === 11 ? phone.slice(0, 3) + '****' + phone.slice(7) : phone.slice(0, 2) + '****';
}

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
