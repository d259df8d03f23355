/** Resolves with the signal's name when the process is asked to stop (Ctrl-C, a service manager's SIGTERM). */
export const untilStopped = (): Promise<string> =>
  new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
