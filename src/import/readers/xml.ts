/**
 * XML access for the GEXF and GraphML readers, with @xmldom/xmldom: the document, child
 * elements by local name whatever their namespace prefix, and the line of an element for
 * rejected rows. xmldom resolves no external entities and reads no DTD entity definitions,
 * so a file cannot make the reader fetch or expand anything.
 */
import { DOMParser, type Element } from '@xmldom/xmldom'

export type { Element }

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message)
    this.name = 'XmlError'
  }
}

/** Parses XML text into its root element. Throws an XmlError with the line of the first error. */
export function parseXml(text: string): Element {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  let firstError: XmlError | null = null
  const parser = new DOMParser({
    locator: true,
    onError: (level, message, context) => {
      if (level === 'warning') {
        return
      }
      const line = (context as { locator?: { lineNumber?: number } } | undefined)?.locator?.lineNumber
      firstError ??= new XmlError(String(message).split('\n', 1)[0] ?? 'invalid XML', line ?? 1)
      if (level === 'fatalError') {
        throw firstError
      }
    },
  })
  let root: Element | null = null
  try {
    root = parser.parseFromString(body, 'text/xml').documentElement
  } catch (error) {
    const line = (error as { locator?: { lineNumber?: number } }).locator?.lineNumber
    throw firstError ?? new XmlError(error instanceof Error ? error.message : String(error), line ?? 1)
  }
  if (firstError !== null) {
    throw firstError
  }
  if (root === null) {
    throw new XmlError('the document has no root element', 1)
  }
  return root
}

/** Returns the child elements of `parent` with the local name `name`, in document order. */
export function children(parent: Element, name: string): Element[] {
  const found: Element[] = []
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === 1 && localName(child as Element) === name) {
      found.push(child as Element)
    }
  }
  return found
}

export function child(parent: Element, name: string): Element | undefined {
  return children(parent, name)[0]
}

/** Returns every child element, whatever its name. */
export function allChildren(parent: Element): Element[] {
  const found: Element[] = []
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === 1) {
      found.push(child as Element)
    }
  }
  return found
}

export function localName(element: Element): string {
  return element.localName ?? element.nodeName.replace(/^.*:/, '')
}

/** Returns an attribute's value, or undefined when the element lacks it. */
export function attribute(element: Element, name: string): string | undefined {
  return element.hasAttribute(name) ? (element.getAttribute(name) ?? undefined) : undefined
}

/** Returns the 1-based line on which the element starts. */
export function lineOf(element: Element): number {
  return (element as unknown as { lineNumber?: number }).lineNumber ?? 1
}
