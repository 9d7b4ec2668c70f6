/**
 * The Cytoscape.js peer of the viewer benchmark. `loadPeer` fetches the same overview as the
 * viewer, from the same service with the same token, and draws it with Cytoscape.js's canvas
 * renderer at the positions that the viewer drew, so that both draw the same picture. Like
 * the viewer's graph view, it counts frames in `#graph`'s `data-frames` and marks its first
 * frame that shows nodes.
 */
/* global cytoscape */

window.loadPeer = async function loadPeer(options) {
  const container = document.getElementById('graph')
  Object.assign(container.style, {
    left: `${options.box.x}px`,
    top: `${options.box.y}px`,
    width: `${options.box.width}px`,
    height: `${options.box.height}px`,
  })

  const response = await fetch(options.url, {
    headers: { accept: 'application/json', authorization: `Bearer ${options.token}` },
  })
  if (!response.ok) throw new Error(`GET ${options.url} returned ${response.status}: ${await response.text()}`)
  const body = await response.json()

  const elements = []
  for (const node of body.graph.nodes) {
    const position = options.positions[node.key]
    if (position === undefined) throw new Error(`No position for node ${node.key}`)
    const attributes = node.attributes ?? {}
    elements.push({
      group: 'nodes',
      data: { id: node.key, name: attributes.name ?? node.key, colour: options.colours[attributes.label] ?? options.otherColour },
      position: { x: position[0], y: position[1] },
    })
  }
  for (const edge of body.graph.edges) {
    elements.push({ group: 'edges', data: { id: edge.key, source: edge.source, target: edge.target } })
  }

  const cy = cytoscape({
    container,
    elements,
    layout: { name: 'preset', fit: true, padding: options.padding },
    // A drag anywhere pans, as in the viewer: elements take no mouse events, so a press on a
    // node or an edge goes to the background.
    autoungrabify: true,
    boxSelectionEnabled: false,
    style: [
      {
        selector: 'node',
        style: {
          events: 'no',
          'background-color': 'data(colour)',
          width: options.nodeDiameter,
          height: options.nodeDiameter,
          label: 'data(name)',
          'font-size': options.labelSize,
          // Labels show only once zoomed in, as Sigma hides those of small nodes.
          'min-zoomed-font-size': options.minimumLabelSize,
        },
      },
      {
        selector: 'edge',
        style: {
          events: 'no',
          width: 1,
          'line-color': options.edgeColour,
          'curve-style': 'straight',
          'target-arrow-shape': 'triangle',
          'target-arrow-color': options.edgeColour,
          'arrow-scale': 0.6,
        },
      },
    ],
  })

  const counter = document.getElementById('frames')
  let frames = 0
  cy.on('render', () => {
    frames += 1
    counter.dataset.frames = String(frames)
    if (cy.nodes().length > 0 && performance.getEntriesByName('cytoscape:first-frame').length === 0) {
      performance.mark('cytoscape:first-frame')
    }
  })
  window.peer = cy
  return { nodes: cy.nodes().length, edges: cy.edges().length }
}
