import { createInterface } from 'node:readline';

/**
 * Asks a yes/no question on the terminal; only "y" or "yes" (any case) is a
 * yes, as in dlt's `[y/N]` prompts. Ctrl-C or Ctrl-D is a no.
 */
export function confirm(question: string, output: NodeJS.WritableStream): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    let answered = false;
    const finish = (yes: boolean) => {
      if (answered) return;
      answered = true;
      rl.close();
      resolve(yes);
    };
    rl.on('SIGINT', () => {
      output.write('\n');
      finish(false);
    });
    rl.on('close', () => finish(false));
    rl.question(`${question} [y/N] `, (answer) => finish(/^y(es)?$/i.test(answer.trim())));
  });
}

/** Whether a question can be asked: stdin is a terminal (not a pipe, a file, cron's /dev/null). */
export function canAsk(): boolean {
  return !!process.stdin.isTTY;
}
