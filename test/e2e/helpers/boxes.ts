/** A box on the page, in CSS px. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Pairs of boxes that overlap (touching edges do not count), each named with its box. */
export function overlaps(boxes: Record<string, Box>): string[] {
  const names = Object.keys(boxes);
  const out: string[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = boxes[names[i]!]!;
      const b = boxes[names[j]!]!;
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) {
        out.push(`${names[i]} ${JSON.stringify(a)} / ${names[j]} ${JSON.stringify(b)}`);
      }
    }
  }
  return out;
}
