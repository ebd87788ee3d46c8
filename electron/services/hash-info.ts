/** Hash status of a recording for the table (filled in by the fidelity core). */
import type { HashInfo } from '../../shared/host-api';
import type { Problem } from '../../shared/recording-model';

export function hashInfoFor(_relPath: string, _text: string, _value: unknown, _problems: Problem[]): HashInfo | null {
  return null;
}
