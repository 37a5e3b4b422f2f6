/** The file name a service gave its download (RFC 6266 `filename*`, else `filename`). */
export function fileName(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return plain?.[1] ?? fallback;
}

/** Hands a downloaded file to the browser to save, under the service's name for it. */
export function save(blob: Blob, response: Response, fallback: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName(response.headers.get('Content-Disposition'), fallback);
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the URL is not needed after.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
