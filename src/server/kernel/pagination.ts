import { z } from 'zod';

// The list query every collection accepts (API.md "Lists").
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.string().max(40).optional(),
  q: z.string().max(100).optional(),
};

export interface PageRequest {
  page: number;
  pageSize: number;
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const offsetOf = (p: PageRequest) => (p.page - 1) * p.pageSize;

/** A list's answer: the page of `items` asked for by `request`, of `total` in all. */
export const pageOf = <T>(request: PageRequest, items: T[], total: number): Page<T> => ({ items, total, page: request.page, pageSize: request.pageSize });
