import { RestloadError } from '../common/errors.js';

/** Who holds a pipeline's run lock (the content of `run.lock`). */
export interface LockHolder {
  pid: number;
  hostname: string;
  started_at: string;
  /** The holder's process start time (Linux, from /proc): tells a live holder from a reused pid. */
  process_start?: string;
}

/** Another run of the same pipeline is under way: this one stopped before fetching or writing anything. */
export class PipelineLockedError extends RestloadError {
  constructor(readonly pipelineName: string, readonly holder: LockHolder, readonly lockFile: string, sameHost: boolean) {
    super(
      `pipeline "${pipelineName}" is held by another run (pid ${holder.pid} on ${holder.hostname}, started at ${holder.started_at}); this run stopped before fetching anything`,
      {
        code: 'PIPELINE_LOCKED',
        hint: sameHost
          ? 'wait for that run to finish (a cron job that overran its slot), or stop it; its load is not touched'
          : `the lock was taken on another host, which restload cannot check; if no run is alive there, delete ${lockFile}`,
      },
    );
  }
}

/** The signals a run stops on, with their conventional exit codes (128 + signal number). */
export const INTERRUPT_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * The run was interrupted (Ctrl-C, SIGTERM, an aborted AbortSignal) before
 * its load was committed: nothing in the destination changed.
 */
export class RunInterruptedError extends RestloadError {
  /** The CLI's exit code: 130 for SIGINT, 143 for SIGTERM, else 1. */
  readonly signalExitCode: number;

  constructor(readonly pipelineName: string, readonly reason: string, readonly step: string) {
    super(`run of pipeline "${pipelineName}" interrupted (${reason}) during ${step}: nothing was committed`, {
      code: 'INTERRUPTED',
      hint: `tables and incremental state are as before this run; \`restload pipeline ${pipelineName} trace\` shows the interrupted run`,
    });
    this.signalExitCode = (INTERRUPT_EXIT_CODES as Record<string, number>)[reason] ?? 1;
  }
}
