"""The networkx peer of the analytics benchmark on a large network.

Reads the relationships that the Node side loaded from Neo4j, one a line as
"source<TAB>target" in node numbers 0..N-1, and builds the graphs once, timed on its own as
"build". Then it times networkx's Louvain, sampled betweenness, PageRank and connected
components on them, one call each. It prints one JSON object with the versions, the elapsed
and CPU seconds, the peak RSS, the modularity of both Louvain partitions and the PageRank
scores.

Parallel relationships are merged into one edge whose weight is their number, as
Millennium's projection merges them. Louvain and PageRank read that weight as a strength.
Betweenness and components ignore it.
"""

import argparse
import json
import resource
import sys
import time
from collections import Counter

import networkx as nx
import numpy
import scipy

MAX_ITERATIONS = 1000


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", required=True, help="file with one 'source<TAB>target' relationship a line, in node numbers")
    parser.add_argument("--nodes", type=int, required=True, help="number of nodes, numbered 0 to N-1; isolated ones included")
    parser.add_argument("--partition", required=True, help="file with Millennium's Louvain community of node i on line i")
    parser.add_argument("--seed", type=int, required=True, help="seed of Louvain and of the betweenness sample")
    parser.add_argument("--samples", type=int, required=True, help="source nodes of sampled betweenness (networkx's k)")
    parser.add_argument("--tolerance", type=float, required=True, help="PageRank tolerance, per node (networkx's tol)")
    return parser.parse_args()


def read_relationships(path):
    sources = []
    targets = []
    with open(path, encoding="utf-8") as file:
        for line in file:
            source, target = line.split("\t")
            sources.append(int(source))
            targets.append(int(target))
    return sources, targets


def build_graphs(node_count, sources, targets):
    """Return the undirected graph and the directed graph, each edge weighted by its multiplicity."""
    arcs = Counter(zip(sources, targets))
    edges = Counter()
    for (source, target), count in arcs.items():
        edges[(min(source, target), max(source, target))] += count

    undirected = nx.Graph()
    undirected.add_nodes_from(range(node_count))
    undirected.add_weighted_edges_from((source, target, count) for (source, target), count in edges.items())

    directed = nx.DiGraph()
    directed.add_nodes_from(range(node_count))
    directed.add_weighted_edges_from((source, target, count) for (source, target), count in arcs.items())
    return undirected, directed


def timed(seconds, cpu_seconds, name, run):
    started = time.perf_counter()
    cpu_started = time.process_time()
    value = run()
    seconds[name] = time.perf_counter() - started
    cpu_seconds[name] = time.process_time() - cpu_started
    print(f"networkx {name}: {seconds[name]:.2f} s, {cpu_seconds[name]:.2f} s of CPU", file=sys.stderr)
    return value


def main():
    arguments = parse_arguments()
    sources, targets = read_relationships(arguments.edges)
    with open(arguments.partition, encoding="utf-8") as file:
        labels = [int(line) for line in file if line.strip()]
    if len(labels) != arguments.nodes:
        sys.exit(f"The partition file lists {len(labels)} nodes, expected {arguments.nodes}")

    seconds = {}
    cpu_seconds = {}
    graph, digraph = timed(seconds, cpu_seconds, "build", lambda: build_graphs(arguments.nodes, sources, targets))
    del sources, targets

    communities = timed(
        seconds,
        cpu_seconds,
        "louvain",
        lambda: nx.community.louvain_communities(graph, weight="weight", resolution=1, seed=arguments.seed),
    )
    timed(
        seconds,
        cpu_seconds,
        "betweenness",
        lambda: nx.betweenness_centrality(graph, k=arguments.samples, normalized=True, seed=arguments.seed),
    )
    pagerank = timed(
        seconds,
        cpu_seconds,
        "pagerank",
        lambda: nx.pagerank(digraph, alpha=0.85, weight="weight", tol=arguments.tolerance, max_iter=MAX_ITERATIONS),
    )
    components = timed(seconds, cpu_seconds, "components", lambda: list(nx.connected_components(graph)))

    # Both partitions scored by the same function, outside the timings.
    ours = {}
    for node, label in enumerate(labels):
        ours.setdefault(label, set()).add(node)
    modularity = nx.community.modularity(graph, communities, weight="weight", resolution=1)
    our_modularity = nx.community.modularity(graph, list(ours.values()), weight="weight", resolution=1)

    # On Linux ru_maxrss is in kibibytes.
    peak_rss_bytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    json.dump(
        {
            "versions": {
                "python": sys.version.split()[0],
                "networkx": nx.__version__,
                "scipy": scipy.__version__,
                "numpy": numpy.__version__,
            },
            "graph": {
                "nodes": graph.number_of_nodes(),
                "edges": graph.number_of_edges(),
                "arcs": digraph.number_of_edges(),
            },
            "seconds": seconds,
            "cpuSeconds": cpu_seconds,
            "peakRssBytes": peak_rss_bytes,
            "louvain": {"communityCount": len(communities), "modularity": modularity},
            "ourPartitionModularity": our_modularity,
            "componentCount": len(components),
            "pagerank": [pagerank[node] for node in range(arguments.nodes)],
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
