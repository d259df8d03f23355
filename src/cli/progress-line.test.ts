import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateRows } from './progress-line.js';

describe('estimateRows', () => {
  it('estimates the rows of a file from its first lines, for the ETA', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'leadsift-progress-'));
    try {
      const path = join(dir, 'rows.csv');
      await writeFile(
        path,
        ['email,title', ...Array.from({ length: 50_000 }, (_, i) => `person${i}@example.com,VP Sales`)].join(
          '\n',
        ) + '\n',
      );
      const estimate = estimateRows(path) ?? 0;
      expect(Math.abs(estimate - 50_000) / 50_000).toBeLessThan(0.05);
      expect(estimateRows(join(dir, 'missing.csv'))).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
