/** Player colours (0xRRGGBB), chosen to read well on the dark arena floor. */
export const PLAYER_COLORS = [
  0xe6194b, 0x3cb44b, 0xffe119, 0x4363d8, 0xf58231, 0x911eb4, 0x46f0f0, 0xf032e6,
  0xbcf60c, 0xfabebe, 0x008080, 0xe6beff, 0x9a6324, 0xfffac8, 0xaaffc3, 0xffd8b1,
] as const;

/** The first colour no current player uses (cycling when all are taken). */
export function pickColor(used: Iterable<number>): number {
  const taken = new Set(used);
  return PLAYER_COLORS.find((c) => !taken.has(c)) ?? PLAYER_COLORS[taken.size % PLAYER_COLORS.length]!;
}
