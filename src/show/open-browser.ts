import { spawn } from 'node:child_process';

/**
 * Opens a URL in the user's browser with the platform's opener, detached so
 * the browser outlives nothing of ours. A missing opener (a server without a
 * desktop) is not an error: the URL is printed anyway. Returns false then.
 */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  const [cmd, args] =
    platform === 'darwin' ? ['open', [url]] :
    platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] :
    ['xdg-open', [url]];
  return new Promise((resolve) => {
    try {
      const child = spawn(cmd, args, { detached: true, stdio: 'ignore', windowsHide: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
