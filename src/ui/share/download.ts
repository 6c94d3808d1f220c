/**
 * Saving a file as a download: scenario files, exported records and scripts, timeline SVG and PNG
 * (apart from ./scenarioFile.ts, whose reading side needs the scenario schema).
 *
 * May import: nothing. DOM only.
 */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not at once: the browser may still be reading the blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(filename: string, text: string, type = 'application/json'): void {
  downloadBlob(new Blob([text], { type }), filename);
}
