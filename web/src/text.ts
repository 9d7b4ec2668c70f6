/**
 * Text from the data inside the viewer's own sentences. A name may carry Unicode
 * bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and the like), which would reverse
 * the rest of the sentence around it. Here they are written out as visible code points, so
 * the analyst can tell that the name contains them.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** Replaces each bidirectional control character with a visible `⟨U+202E⟩` marker. */
export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (character) => {
    const code = (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')
    return `⟨U+${code}⟩`
  })
}
