// Raw HTTP streams are stored as the list of SSE lines as received (§4.5), "" included.
// A blank line ends an event; each event becomes one timeline step.

export interface SseEvent {
  readonly event?: string;
  readonly data?: string;
  readonly id?: string;
  /** [start, end) indexes into the stored line list. */
  readonly start: number;
  readonly end: number;
  /** Items that were not strings (kept so the step can say so). */
  readonly junk: number;
}

export function parseSseLines(items: readonly unknown[]): SseEvent[] {
  const events: SseEvent[] = [];
  let event: string | undefined;
  let data: string[] | undefined;
  let id: string | undefined;
  let start = -1;
  let junk = 0;
  let fields = 0;
  const flush = (end: number): void => {
    // Comment-only blocks (keep-alives) are not events.
    if (start >= 0 && fields + junk > 0) {
      events.push({
        ...(event !== undefined ? { event } : {}),
        ...(data !== undefined ? { data: data.join('\n') } : {}),
        ...(id !== undefined ? { id } : {}),
        start,
        end,
        junk,
      });
    }
    event = data = id = undefined;
    start = -1;
    junk = fields = 0;
  };
  items.forEach((item, i) => {
    if (typeof item !== 'string') {
      if (start < 0) start = i;
      junk++;
      return;
    }
    // A stored item may hold several physical lines if the recorder ever glued them.
    for (const line of item.split(/\r\n|\r|\n/)) {
      if (line === '') {
        flush(i + 1);
        continue;
      }
      if (start < 0) start = i;
      if (line.startsWith(':')) continue; // comment / keep-alive
      fields++;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') (data ??= []).push(value);
      else if (field === 'id') id = value;
    }
  });
  flush(items.length);
  return events;
}
