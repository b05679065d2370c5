import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PipelineLockedError, type LockHolder } from './errors.js';

/** A held run lock; `release` removes it (only while it is still this run's). */
export interface RunLock {
  readonly file: string;
  /** A lock left by a run that is no longer alive, which this one replaced. */
  readonly replacedStale?: LockHolder;
  release(): void;
}

export const LOCK_FILE = 'run.lock';

/**
 * Takes the pipeline's run lock: `run.lock` in its working folder, created
 * exclusively (a hard link of a complete temporary file, so the lock never
 * exists half written) and holding pid, hostname and start time. One run of
 * a pipeline at a time: a cron job that overruns its slot keeps the pipeline,
 * the next one stops here, before it fetches or removes anything.
 *
 * A lock whose pid is no longer alive on this host (a SIGKILLed run, a
 * power cut) is stale and replaced; so is one whose pid was reused by another
 * process (its start time differs, where /proc tells). A lock from another
 * host (a shared folder) cannot be checked and is respected.
 */
export function acquireRunLock(dir: string, pipelineName: string): RunLock {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, hostname: hostname(), started_at: new Date().toISOString(), process_start: processStart(process.pid) };
  const text = JSON.stringify(me);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, text);
  let replacedStale: LockHolder | undefined;
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        linkSync(tmp, file);
        return { file, replacedStale, release: () => releaseIfMine(file, text) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const held = readText(file);
      if (held === undefined) continue; // released meanwhile: try again
      const holder = parseHolder(held);
      if (holder && !isStale(holder)) throw new PipelineLockedError(pipelineName, holder, file, holder.hostname === me.hostname);
      // Stale: move it aside, and drop it only if it is still the lock judged stale (another run may have replaced it meanwhile).
      const aside = `${file}.${process.pid}.stale`;
      try {
        renameSync(file, aside);
      } catch {
        continue;
      }
      if (readText(aside) === held) {
        unlinkSync(aside);
        replacedStale = holder;
      } else {
        // A live run's fresh lock: put it back (link fails if yet another run holds the name now; then that one is the holder).
        try {
          linkSync(aside, file);
        } catch {
          // ignored: the lock that is there now is respected on the next attempt
        }
        unlinkSync(aside);
      }
    }
    throw new PipelineLockedError(pipelineName, parseHolder(readText(file) ?? '') ?? { pid: 0, hostname: '?', started_at: '?' }, file, true);
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
  }
}

function releaseIfMine(file: string, text: string): void {
  if (readText(file) !== text) return;
  try {
    unlinkSync(file);
  } catch {
    // already removed
  }
}

/** Same host and the process is gone (or its pid now belongs to a younger process). */
function isStale(h: LockHolder): boolean {
  if (h.hostname !== hostname()) return false;
  if (!pidAlive(h.pid)) return true;
  const start = processStart(h.pid);
  return !!(h.process_start && start && start !== h.process_start);
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process's start time in clock ticks since boot (field 22 of /proc/PID/stat), where there is a /proc. */
function processStart(pid: number): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const h = JSON.parse(text) as LockHolder;
    return typeof h.pid === 'number' && typeof h.hostname === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
