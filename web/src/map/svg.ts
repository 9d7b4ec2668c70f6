/** Creates SVG elements. As with `createElement` in dom.ts, text goes in only as `textContent`. */

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg'

export function svgElement<Tag extends keyof SVGElementTagNameMap>(
  tag: Tag,
  attributes: Record<string, string> = {},
  children: Node[] = [],
): SVGElementTagNameMap[Tag] {
  const element = document.createElementNS(SVG_NAMESPACE, tag)
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value)
  element.append(...children)
  return element
}
