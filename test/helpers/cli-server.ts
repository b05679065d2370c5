import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './cli.js';

/** A long-running CLI command (like `pipeline NAME show`) started in the background. */
export interface RunningCli {
  child: ChildProcess;
  /** The first line the command printed on stdout. */
  firstLine: string;
  stderr(): string;
  /** Sends a signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the CLI and resolves once it printed its first stdout line (or rejects when it exits first). */
export function startCli(args: string[], opts: { cwd: string; pipelinesDir: string; timeoutMs?: number }): Promise<RunningCli> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, NO_COLOR: '1', RESTLOAD_PIPELINES_DIR: opts.pipelinesDir },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`restload ${args.join(' ')} printed nothing in ${opts.timeoutMs ?? 20000} ms; stderr:\n${stderr}`));
    }, opts.timeoutMs ?? 20000);
    child.stdout.on('data', (d) => {
      stdout += d;
      const nl = stdout.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      resolve({
        child,
        firstLine: stdout.slice(0, nl),
        stderr: () => stderr,
        stop: (signal = 'SIGINT') => {
          child.kill(signal);
          return exited;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`restload ${args.join(' ')} exited with ${code} before printing a line; stderr:\n${stderr}`), { code, stderr }));
    });
  });
}
