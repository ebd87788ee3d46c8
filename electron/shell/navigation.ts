/** URL checks for the desktop shell: which frames are the app, which links may open in a browser. */
import { pathToFileURL } from 'node:url';

export function isAppUrl(url: string, devServerUrl: string | undefined, rendererFile: string): boolean {
  if (devServerUrl) {
    try {
      return new URL(url).origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  const appUrl = pathToFileURL(rendererFile).href;
  return url === appUrl || url.startsWith(`${appUrl}#`) || url.startsWith(`${appUrl}?`);
}

/** Only plain https links to public documentation hosts leave the app, in the system browser. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
