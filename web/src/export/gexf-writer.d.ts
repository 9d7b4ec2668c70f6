// graphology-gexf types its writer only through entry points that also load a parser, and
// the browser parser needs a DOMParser at load time, which Node lacks. This types the
// writer's own module, which the export loads alone.
declare module 'graphology-gexf/common/writer.js' {
  import type { Attributes, default as Graph } from 'graphology-types'
  import type { GexfWriterOptions } from 'graphology-gexf/common/types'

  export default function write<
    NodeAttributes extends Attributes = Attributes,
    EdgeAttributes extends Attributes = Attributes,
    FormattedNodeAttributes extends Attributes = Attributes,
    FormattedEdgeAttributes extends Attributes = Attributes,
  >(
    graph: Graph<NodeAttributes, EdgeAttributes>,
    options?: GexfWriterOptions<NodeAttributes, EdgeAttributes, FormattedNodeAttributes, FormattedEdgeAttributes>,
  ): string
}
