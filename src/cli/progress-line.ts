import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { formatCount } from '../domain/format-count.js';

/**
 * Roughly how many rows a file holds, from its size and the average line length of its first
 * 256 KiB: enough for an ETA, never used for counts. Undefined when the file cannot be read.
 */
export const estimateRows = (path: string): number | undefined => {
  try {
    const size = statSync(path).size;
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(size, 256 * 1024));
      const read = readSync(fd, buffer, 0, buffer.length, 0);
      let lines = 0;
      for (let i = buffer.indexOf(10); i !== -1 && i < read; i = buffer.indexOf(10, i + 1)) lines++;
      return lines === 0 ? undefined : Math.round((size / read) * lines) - 1;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
};

const duration = (seconds: number): string =>
  seconds >= 3600
    ? `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`
    : seconds >= 60
      ? `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
      : `${Math.max(0, Math.round(seconds))} s`;

/**
 * A progress line on stderr when it is a terminal: rows done, rows/s and, when the total is
 * estimated, the percentage and time left. Redrawn at most four times a second.
 */
export const progressLine = (started: number, estimatedTotal?: number) => {
  let last = 0;
  return (rows: number, final = false): void => {
    if (!process.stderr.isTTY) return;
    const now = Date.now();
    if (!final && now - last < 250) return;
    last = now;
    const rate = rows / Math.max(0.001, (now - started) / 1000);
    let eta = '';
    if (!final && estimatedTotal !== undefined && estimatedTotal > rows && rate > 0) {
      eta = `, ~${Math.min(99, Math.floor((100 * rows) / estimatedTotal))} %, ~${duration((estimatedTotal - rows) / rate)} left`;
    }
    const line = `${formatCount(rows)} rows, ${formatCount(Math.round(rate))} rows/s${eta}`;
    process.stderr.write(`\r${line.padEnd(72)}${final ? '\n' : ''}`);
  };
};
