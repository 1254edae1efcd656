/**
 * One process at a time on an embedded database directory. PGlite has no lock of its own:
 * a second process opening the same directory (a `kotae migrate` beside a live `kotae dev`)
 * lost its writes. The lock is a file beside the directory, created exclusively, holding
 * the owner's pid and host; a lock whose process is gone (killed, crashed) is taken over.
 */
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { KotaeError } from '../core/errors.ts';

export interface DataDirLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function owner(path: string): { pid: number; host: string } | null {
  try {
    const [pid, host] = readFileSync(path, 'utf8').trim().split(/\s+/);
    return Number(pid) > 0 ? { pid: Number(pid), host: host ?? '' } : null;
  } catch {
    return null;
  }
}

/** Takes the lock on `dataDir`, or throws one clear line naming the holder. */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid} ${hostname()}\n`);
      closeSync(fd);
      const release = () => {
        if (owner(path)?.pid === process.pid) rmSync(path, { force: true });
      };
      process.once('exit', release);
      return {
        release() {
          process.removeListener('exit', release);
          release();
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = owner(path);
    // Another host may share the directory (a network mount): its pids mean nothing here.
    if (holder && (holder.host !== hostname() || alive(holder.pid))) {
      throw new KotaeError(
        'database_locked',
        `the embedded database ${dataDir} is in use by another Kotae process (pid ${holder.pid}` +
          `${holder.host === hostname() ? '' : ` on ${holder.host}`}); stop it first, or set KOTAE_DATA_DIR or DATABASE_URL`,
      );
    }
    // Stale: its process is gone.
    rmSync(path, { force: true });
  }
  throw new KotaeError('database_locked', `could not take the lock ${path}`);
}
