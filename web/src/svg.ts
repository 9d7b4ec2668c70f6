/**
 * A small helper for SVG elements, which need their namespace. Text reaches the drawing
 * only through `textContent`.
 */

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg'

export function createSvgElement<Tag extends keyof SVGElementTagNameMap>(
  tag: Tag,
  attributes: Record<string, string | number> = {},
  children: (Node | string)[] = [],
): SVGElementTagNameMap[Tag] {
  const element = document.createElementNS(SVG_NAMESPACE, tag)
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value))
  for (const child of children) element.append(typeof child === 'string' ? document.createTextNode(child) : child)
  return element
}
