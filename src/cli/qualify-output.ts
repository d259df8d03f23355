import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

/** A text output (a file, or stdout) that waits when the file is slow, and closes cleanly. */
export interface TextSink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Write to `path`, or to standard output when there is none. */
export const textSink = (path: string | undefined): TextSink => {
  const file: Writable = path === undefined ? process.stdout : createWriteStream(path);
  return {
    write: async (text) => {
      if (text !== '' && !file.write(text)) await once(file, 'drain');
    },
    close: async () => {
      if (file === process.stdout) return;
      file.end();
      await once(file, 'finish');
    },
  };
};
