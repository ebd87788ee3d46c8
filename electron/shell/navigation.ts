/** URL checks for the desktop shell: which frames are the app, which links may open in a browser. */
import { isAppPageUrl } from './app-protocol';

export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  if (devServerUrl) {
    try {
      return new URL(url).origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return isAppPageUrl(url);
}

/** Only plain https links leave the app, in the system browser. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
