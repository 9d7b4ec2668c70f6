/**
 * Fill colours of INTERPOL notice and diffusion colours, for the charts. Each is the plain
 * colour its name gives. Bars also get a dark outline, so that yellow shows on a white page.
 */

export const NOTICE_COLOUR_FILLS: Readonly<Record<string, string>> = {
  red: '#c62828',
  yellow: '#f9c80e',
  blue: '#1565c0',
  black: '#212121',
  green: '#2e7d32',
  orange: '#ef6c00',
  purple: '#6a1b9a',
}

/** The fill of a colour the service does not list, or of a notice without a colour. */
export const UNKNOWN_COLOUR_FILL = '#9e9e9e'

export function noticeFill(colour: string | null): string {
  return colour === null ? UNKNOWN_COLOUR_FILL : (NOTICE_COLOUR_FILLS[colour] ?? UNKNOWN_COLOUR_FILL)
}
