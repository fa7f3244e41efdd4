// Sync progress on the terminal: a bar on a TTY, plain lines otherwise (logs, CI, pipes).
import cliProgress from 'cli-progress';
import type { ProgressEvent, ProgressListener } from '../engine/progress.ts';
import type { OutStream } from './io.ts';

export interface ProgressView {
  listener: ProgressListener;
  stop(): void;
}

export function progressView(stream: OutStream): ProgressView {
  if (!stream.isTTY) {
    return {
      listener: (e: ProgressEvent) => {
        if (e.type === 'listed') stream.write(`Syncing ${e.total} team sheet(s)\n`);
        if (e.type === 'team') stream.write(`[${e.done}/${e.total}] ${e.name}: ${e.outcome}${e.reason ? ` (${e.reason})` : ''}\n`);
      },
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: 'Syncing [{bar}] {value}/{total} {name}', stream: stream as unknown as NodeJS.WritableStream, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    listener: (e: ProgressEvent) => {
      if (e.type === 'listed') {
        bar.start(e.total, 0, { name: '' });
        started = true;
      }
      if (e.type === 'team') bar.update(e.done, { name: `${e.name} (${e.outcome})` });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
