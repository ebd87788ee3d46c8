/** Two texts side by side in Monaco's diff editor (read-only), unchanged stretches folded away. */
import { useEffect, useRef } from 'react';
import { monaco } from './monaco-setup';

export function DiffView({ original, modified, originalLabel, modifiedLabel }: { original: string; modified: string; originalLabel: string; modifiedLabel: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const editor = monaco.editor.createDiffEditor(element, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: true,
      hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 5, revealLineCount: 20 },
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderOverviewRuler: true,
      fontSize: 12,
      originalAriaLabel: originalLabel,
      modifiedAriaLabel: modifiedLabel,
    });
    const left = monaco.editor.createModel(original, 'json');
    const right = monaco.editor.createModel(modified, 'json');
    editor.setModel({ original: left, modified: right });
    return () => {
      editor.dispose();
      left.dispose();
      right.dispose();
    };
  }, [original, modified, originalLabel, modifiedLabel]);
  return (
    <div className="ri-diff-wrap">
      <div className="ri-diff-labels" aria-hidden="true">
        <span>{originalLabel}</span>
        <span>{modifiedLabel}</span>
      </div>
      <div ref={host} className="ri-diff-view" role="region" aria-label={`Differences: ${originalLabel} and ${modifiedLabel}`} />
    </div>
  );
}
