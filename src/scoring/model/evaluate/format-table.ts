/**
 * Rows of cells as aligned text for a terminal, one line each: the first `leftAligned` columns
 * (names) padded on the right, the others (numbers) on the left, two spaces between columns and
 * two before the first.
 */
export const formatTable = (
  header: readonly string[],
  rows: readonly (readonly string[])[],
  leftAligned = 1,
): string[] => {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  return all.map(
    (row) =>
      '  ' +
      widths
        .map((width, c) => {
          const cell = row[c] ?? '';
          return c < leftAligned ? cell.padEnd(width) : cell.padStart(width);
        })
        .join('  ')
        .trimEnd(),
  );
};
