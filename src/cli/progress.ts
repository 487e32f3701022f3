// Index progress on stderr: a redrawn bar on a TTY (files/s, MB/s, ETA), plain lines every few
// seconds otherwise (CI logs), nothing at all with --json unless stderr is a TTY.
import type { Out } from './stdio.js';
import { formatCount, formatDuration } from './output.js';

export interface ProgressLike { phase: string; done: number; total: number; bytesDone: number; bytesTotal: number; elapsedMs: number }

export function progressPrinter(stream: Out): (p: ProgressLike) => void {
  const tty = stream.isTTY === true;
  let lastPlain = 0, lastDraw = 0, parseStart = -1;
  return (p) => {
    if (p.phase === 'walk') { parseStart = p.elapsedMs; return; }
    const now = p.elapsedMs;
    const secs = Math.max(0.001, (now - Math.max(0, parseStart)) / 1000);
    const fps = p.done / secs, mbps = p.bytesDone / 1e6 / secs;
    const eta = p.bytesDone > 0 ? ((p.bytesTotal - p.bytesDone) / (p.bytesDone / secs)) * 1000 : 0;
    const line = `${formatCount(p.done)}/${formatCount(p.total)} files  ${fps.toFixed(0)} files/s  ${mbps.toFixed(1)} MB/s  ETA ${formatDuration(eta)}`;
    if (p.phase === 'finish') {
      if (tty) stream.write('\r\x1b[K');
      return;
    }
    if (tty) {
      if (now - lastDraw < 100) return;
      lastDraw = now;
      const width = 24, filled = p.total ? Math.round((p.done / p.total) * width) : width;
      stream.write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line}`);
    } else if (now - lastPlain >= 5000) {
      lastPlain = now;
      stream.write(`ax: indexing ${line}\n`);
    }
  };
}
