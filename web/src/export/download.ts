const REVOKE_DELAY_MS = 60_000

/** Saves a blob as a file through a temporary link, the way browsers download generated files. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // The browser may read the blob some time after the click, so the address lives a while longer.
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_DELAY_MS)
}
