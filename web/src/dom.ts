/**
 * Small DOM helpers. Text from the API reaches the page only through `textContent`,
 * never through `innerHTML`.
 */

interface ElementOptions {
  className?: string
  text?: string
  attributes?: Record<string, string>
}

export function createElement<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  options: ElementOptions = {},
  children: Node[] = [],
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag)
  if (options.className !== undefined) element.className = options.className
  if (options.text !== undefined) element.textContent = options.text

  for (const [name, value] of Object.entries(options.attributes ?? {})) {
    element.setAttribute(name, value)
  }

  element.append(...children)
  return element
}

/** Returns the element with `id`, or throws when index.html lacks it or it has another type. */
export function requireElement<Type extends HTMLElement>(
  id: string,
  type: { new (): Type; name: string },
): Type {
  const element = document.getElementById(id)
  if (!(element instanceof type)) {
    throw new Error(`Viewer: element #${id} is missing or is not a ${type.name}`)
  }
  return element
}
