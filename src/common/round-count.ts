/**
 * 20, 25, 30 (GitHub's default), 50, 100, 200, 250, 300, 500, 1000, 2500...:
 * the sizes APIs choose for pages. A real data set rarely lands on one
 * exactly, so a count like this is how a missing paginator shows: the run
 * warns about a lone page of this size, and the show page about a table.
 */
export function isRound(n: number): boolean {
  return n >= 20 && /^(1|2|25|3|5)0*$/.test(String(n));
}
