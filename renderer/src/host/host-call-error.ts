/** A failed host call, with a message meant for a person. */
export class HostCallError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'HostCallError';
  }
}
