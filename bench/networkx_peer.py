"""The networkx peer of the centrality benchmark.

Reads the projection that the Node side exported: one node id a line, and one relationship
a line as "source<TAB>target". Runs each measure with the settings Millennium uses for an
undirected, unweighted projection. Prints one JSON object with the versions, the seconds
per measure, the peak RSS and every score. Timings exclude reading the files and building
the graphs, which is timed on its own as "build". A power iteration that stops at its
iteration limit without converging gets null scores, because Millennium raises an error
there too.

Parallel relationships are merged into one edge whose weight is their number, as the
service's undirected projection does. PageRank, eigenvector centrality and Louvain read
that weight as a strength. Betweenness and closeness ignore it, and degree counts every
relationship, so it runs on the multigraph.
"""

import argparse
import json
import resource
import sys
import time

import networkx as nx
import numpy
import scipy
from scipy.sparse.linalg import eigsh

# Millennium iterates PageRank and eigenvector centrality to a per-node tolerance of 1e-10
# (networkx's default is 1e-6), so the peer stops at the same tolerance.
TOLERANCE = 1e-10
MAX_ITERATIONS = 1000


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", required=True, help="file with one node id a line")
    parser.add_argument("--edges", required=True, help="file with one 'source<TAB>target' relationship a line")
    parser.add_argument("--partition", required=True, help="JSON list of Millennium's Louvain communities")
    parser.add_argument("--seed", type=int, required=True, help="seed of networkx's Louvain")
    return parser.parse_args()


def read_lines(path):
    with open(path, encoding="utf-8") as file:
        return [line.rstrip("\n") for line in file if line.strip()]


def build_graphs(node_ids, relationships):
    multigraph = nx.MultiGraph()
    multigraph.add_nodes_from(node_ids)
    multigraph.add_edges_from(relationships)

    graph = nx.Graph()
    graph.add_nodes_from(node_ids)
    for source, target in relationships:
        if graph.has_edge(source, target):
            graph[source][target]["weight"] += 1
        else:
            graph.add_edge(source, target, weight=1)
    return multigraph, graph


def largest_eigenvalues(graph):
    """Return the two largest eigenvalues of the weighted adjacency matrix, largest first.

    Power iteration on A + I shrinks its error by (second + 1) / (first + 1) per step, so
    these two set how fast eigenvector centrality converges.
    """
    # eigsh needs k < n, so a graph of two nodes or fewer gets no eigenvalues.
    if graph.number_of_nodes() < 3:
        return []
    adjacency = nx.to_scipy_sparse_array(graph, weight="weight", dtype=float)
    values = eigsh(adjacency, k=2, which="LA", return_eigenvectors=False)
    return sorted((float(value) for value in values), reverse=True)


def louvain(graph, seed):
    communities = nx.community.louvain_communities(graph, weight="weight", resolution=1, seed=seed)
    modularity = nx.community.modularity(graph, communities, weight="weight", resolution=1)
    return {"communityCount": len(communities), "modularity": modularity}


def main():
    arguments = parse_arguments()
    node_ids = read_lines(arguments.nodes)
    relationships = [tuple(line.split("\t")) for line in read_lines(arguments.edges)]
    with open(arguments.partition, encoding="utf-8") as file:
        our_partition = [set(members) for members in json.load(file)]

    seconds = {}
    started = time.perf_counter()
    multigraph, graph = build_graphs(node_ids, relationships)
    seconds["build"] = time.perf_counter() - started

    measures = {
        "degree": lambda: nx.degree_centrality(multigraph),
        "betweenness": lambda: nx.betweenness_centrality(graph, normalized=True),
        "closeness": lambda: nx.closeness_centrality(graph, wf_improved=True),
        "pagerank": lambda: nx.pagerank(
            graph, alpha=0.85, weight="weight", tol=TOLERANCE, max_iter=MAX_ITERATIONS
        ),
        "eigenvector": lambda: nx.eigenvector_centrality(
            graph, weight="weight", tol=TOLERANCE, max_iter=MAX_ITERATIONS
        ),
    }
    scores = {}
    for name, run in measures.items():
        started = time.perf_counter()
        try:
            scores[name] = run()
        except nx.PowerIterationFailedConvergence:
            scores[name] = None
        seconds[name] = time.perf_counter() - started
        outcome = "did not converge" if scores[name] is None else "done"
        print(f"networkx {name}: {outcome} in {seconds[name]:.2f} s", file=sys.stderr)

    started = time.perf_counter()
    communities = louvain(graph, arguments.seed)
    seconds["louvain"] = time.perf_counter() - started

    # Scores Millennium's own partition, to check that both sides define modularity alike.
    our_modularity = nx.community.modularity(graph, our_partition, weight="weight", resolution=1)

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
            "graph": {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()},
            "seconds": seconds,
            "peakRssBytes": peak_rss_bytes,
            "scores": scores,
            "adjacencyEigenvalues": largest_eigenvalues(graph),
            "louvain": communities,
            "ourPartitionModularity": our_modularity,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
