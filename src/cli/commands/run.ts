import { loadConfig } from '../../config/load.js';
import { restApiSourceFromConfig } from '../../extract/rest-api/index.js';
import { INTERRUPT_EXIT_CODES, RunInterruptedError } from '../../pipeline/errors.js';
import { Pipeline } from '../../pipeline/pipeline.js';
import { err, out, reportError, toJson } from '../output.js';
import { formatWarning } from '../../common/run-warning.js';
import { redact } from '../../common/redact.js';
import { progressReporter } from '../progress.js';

export async function runCommand(file: string, opts: { json?: boolean }): Promise<void> {
  const config = loadConfig(file);
  const progress = progressReporter();
  const pipeline = new Pipeline({
    pipelineName: config.pipeline.name,
    datasetName: config.pipeline.datasetName,
    destinationPath: config.pipeline.destinationPath,
    pipelinesDir: config.pipeline.pipelinesDir,
    configFile: config.file,
    progress: progress?.update,
    log: (line) => process.stderr.write(err.dim(`${redact(line)}\n`)),
    onWarning: (w) => process.stderr.write(err.yellow(`warning: ${redact(formatWarning(w))}\n`)),
  });
  // Ctrl-C / SIGTERM abort the run: it rolls back, records the interrupted run in its trace and releases its lock.
  // A second signal while it does so exits at once (nothing is committed either way).
  const abort = new AbortController();
  const onSignal = (signal: keyof typeof INTERRUPT_EXIT_CODES) => {
    if (abort.signal.aborted) process.exit(INTERRUPT_EXIT_CODES[signal]);
    abort.abort(signal);
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    const info = await pipeline.run(restApiSourceFromConfig(config), { signal: abort.signal });
    progress?.done();
    if (abort.signal.aborted) process.stderr.write(err.yellow(`warning: interrupted (${String(abort.signal.reason)}) after the load was committed: the run completed\n`));
    if (opts.json) process.stdout.write(toJson(info.toJSON()) + '\n');
    else process.stdout.write(out.bold(info.toString().split('\n')[0]!) + '\n' + info.toString().split('\n').slice(1).join('\n') + '\n');
  } catch (e) {
    if (!(e instanceof RunInterruptedError)) throw e;
    progress?.done();
    reportError(e);
    // An abandoned request may still hold the event loop: exit with the signal's conventional code now.
    process.exit(e.signalExitCode);
  } finally {
    progress?.done();
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}

// The CLI reports a command's errors with the reportError of the module that threw them (one bundle each).
export { reportError } from '../output.js';
