// Saving text the console holds (a credential report, a new access key) as a file: a Blob behind an
// object URL, followed by a temporary <a download>, then let go.

export function downloadText(fileName: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // the download has started from the URL by now; a later tick is enough to release it
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The console API carries blobs (GetCredentialReport's Content…) as base64 of their bytes. */
export function textOfBase64(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
