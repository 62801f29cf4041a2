// Squarified treemap layout (Bruls, Huizing, van Wijk): tiles close to square, so each street's name fits
// in its tile. There is no boundary data for streets, so this stands in for a map.
export interface Tile<T> {
  item: T;
  x: number;
  y: number;
  w: number;
  h: number;
}

export function squarify<T>(items: { item: T; weight: number }[], width: number, height: number): Tile<T>[] {
  const total = items.reduce((s, i) => s + i.weight, 0);
  if (!items.length || total <= 0) return [];
  const scale = (width * height) / total;
  const queue = [...items].sort((a, b) => b.weight - a.weight).map((i) => ({ item: i.item, area: i.weight * scale }));
  const tiles: Tile<T>[] = [];
  let x = 0,
    y = 0,
    w = width,
    h = height;
  const worst = (row: { area: number }[], side: number) => {
    const sum = row.reduce((s, r) => s + r.area, 0);
    const max = Math.max(...row.map((r) => r.area)),
      min = Math.min(...row.map((r) => r.area));
    return Math.max((side * side * max) / (sum * sum), (sum * sum) / (side * side * min));
  };
  while (queue.length) {
    const side = Math.min(w, h);
    const row = [queue.shift()!];
    while (queue.length && worst([...row, queue[0]], side) <= worst(row, side)) row.push(queue.shift()!);
    const sum = row.reduce((s, r) => s + r.area, 0);
    if (w >= h) {
      // A column along the left edge.
      const cw = sum / h;
      let cy = y;
      for (const r of row) {
        const rh = r.area / cw;
        tiles.push({ item: r.item, x, y: cy, w: cw, h: rh });
        cy += rh;
      }
      x += cw;
      w -= cw;
    } else {
      const rh = sum / w;
      let cx = x;
      for (const r of row) {
        const rw = r.area / rh;
        tiles.push({ item: r.item, x: cx, y, w: rw, h: rh });
        cx += rw;
      }
      y += rh;
      h -= rh;
    }
  }
  return tiles;
}

/** Five shades for a value between the smallest and largest of the regions shown; dark tiles carry white text. */
export const SHADES = [
  { fill: '#eef4fb', text: '#1a1a1a' },
  { fill: '#cfe0f3', text: '#1a1a1a' },
  { fill: '#9ec2e6', text: '#1a1a1a' },
  { fill: '#2f6aad', text: '#ffffff' },
  { fill: '#173f73', text: '#ffffff' },
];
export const NO_DATA_SHADE = { fill: '#f2f2f2', text: '#4d4d4d' };

export function shadeOf(value: number | null | undefined, min: number, max: number) {
  if (value === null || value === undefined) return NO_DATA_SHADE;
  if (max <= min) return SHADES[2];
  return SHADES[Math.min(SHADES.length - 1, Math.floor(((value - min) / (max - min)) * SHADES.length))];
}
