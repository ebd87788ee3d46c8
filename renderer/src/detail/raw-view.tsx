/** The file exactly as it is on disk. Long files are shown in slices so the DOM stays small. */
import { useState } from 'react';

const SLICE = 400_000;

export function RawView({ text }: { text: string }) {
  const [limit, setLimit] = useState(SLICE);
  const shown = text.length > limit ? text.slice(0, limit) : text;
  return (
    <section aria-label="Raw JSON" className="raw-view">
      <pre className="raw">{shown}</pre>
      {text.length > limit && (
        <button type="button" onClick={() => setLimit((l) => l + SLICE * 5)}>
          Show more ({Math.round((text.length - limit) / 1024)} KB not shown)
        </button>
      )}
    </section>
  );
}
