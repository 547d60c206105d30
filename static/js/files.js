// Saving something the page made (transcript, report) as a file download.

/** Offer `blob` as a download called `name`. */
export function saveBlob(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** A timestamp for file names, e.g. 2026-12-02-18-47. */
export function fileStamp() {
  return new Date().toISOString().slice(0, 16).replace(/[:T]/g, "-");
}
