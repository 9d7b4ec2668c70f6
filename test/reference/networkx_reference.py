"""Write the networkx reference values that test/api/analytics-datasets.test.ts checks.

Usage: python3 test/reference/networkx_reference.py [DATA_DIR]

DATA_DIR defaults to MILLENNIUM_DATA_DIR, else ../shared/data beside the repository. The
script reads the raw dataset files with the same rules as the importers in
src/import/readers (karate.ts, gml.ts, montagna.ts, caviar.ts), builds the graph that
`GET /api/analytics/...?source=<source>` projects, and writes one JSON file per dataset
into this folder. Each value carries the networkx call that produced it.

How a projection becomes a networkx graph, following src/analytics/compact.ts:
- M is a MultiDiGraph with one edge per stored relationship; U is M without direction,
  still one edge per relationship. Degree reads these, so it counts relationships.
- S ("strength") is the simple Graph (undirected) or DiGraph (natural) in which parallel
  relationships are merged and `weight` is the sum of their weights, or their number when
  unweighted. PageRank, eigenvector, k-core, Louvain and the brokers read S. networkx sums
  parallel edges the same way in `to_scipy_sparse_array` and in Louvain, and
  check_multigraph_agreement asserts it for PageRank and modularity.
- T ("distance") is the same simple graph with `weight` the minimum of the merged weights,
  as networkx's Dijkstra does on a multigraph. Betweenness, closeness and harmonic read T.

Needs networkx 3.6.1; numpy and scipy are used by networkx's PageRank.
"""

import csv
import json
import os
import platform
import re
import sys
from pathlib import Path

import networkx as nx

REFERENCE_DIR = Path(__file__).resolve().parent
REPOSITORY_ROOT = REFERENCE_DIR.parent.parent

LOUVAIN_SEEDS = range(100)
ITERATION = {"max_iter": 1000, "tol": 1e-10}

# Two Person nodes without relationships, stored under the phase 10 source, so that one
# projection has isolated nodes. No dataset has any as imported, because every CAVIAR player
# of a phase calls or is called in it, and every other node has a relationship.
ISOLATED_NODES = [
    {"id": "analytics-datasets:isolated-1", "label": "Person", "name": "Isolated test person 1"},
    {"id": "analytics-datasets:isolated-2", "label": "Person", "name": "Isolated test person 2"},
]


class Dataset:
    """The nodes and relationships of one projection, as the importers store them."""

    def __init__(self, name, source, files):
        self.name = name
        self.source = source
        self.files = files
        self.nodes = []
        self.relationships = []
        self.extra_nodes = []

    def add_node(self, node_id):
        if node_id not in self.nodes:
            self.nodes.append(node_id)

    def add_relationship(self, source, target, weight):
        self.add_node(source)
        self.add_node(target)
        self.relationships.append((source, target, float(weight)))


def read_karate(data_dir):
    """Read the karate club: one tie per unordered pair, from the smaller member to the larger."""
    dataset = Dataset("karate", "karate", ["karate/karate_networkx_weighted_edgelist.txt"])
    with open(data_dir / "karate" / "karate_networkx_club.csv", encoding="utf-8") as clubs:
        for row in csv.DictReader(clubs):
            dataset.add_node(f"karate:{int(row['node'])}")

    pairs = set()
    for line in (data_dir / dataset.files[0]).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        first, second, weight = line.split()
        start, end = sorted((int(first), int(second)))
        if (start, end) in pairs or start == end:
            raise ValueError(f"karate: invalid line {line!r}, a self-loop or repeated pair that the importer rejects")
        pairs.add((start, end))
        dataset.add_relationship(f"karate:{start}", f"karate:{end}", weight)
    return dataset


def parse_gml(text):
    """Parse GML into nested lists of (key, value) pairs. It covers what lesmis.gml uses."""
    tokens = re.findall(r'"[^"]*"|\[|\]|[^\s\[\]]+', re.sub(r"#[^\n]*", "", text))
    position = 0

    def parse_list():
        nonlocal position
        entries = []
        while position < len(tokens) and tokens[position] != "]":
            key, value = tokens[position], tokens[position + 1]
            position += 2
            if value == "[":
                entries.append((key, parse_list()))
                position += 1
            elif value.startswith('"'):
                entries.append((key, value[1:-1]))
            else:
                entries.append((key, float(value)))
        return entries

    return parse_list()


def read_lesmis(data_dir):
    """Read Les Misérables: each GML edge is one relationship in the file's direction, weight = value."""
    dataset = Dataset("lesmis", "lesmis", ["lesmis/lesmis.gml"])
    graph = dict(parse_gml((data_dir / dataset.files[0]).read_text(encoding="utf-8-sig")))["graph"]
    for key, value in graph:
        if key == "node":
            dataset.add_node(f"lesmis:{int(dict(value)['id'])}")
    for key, value in graph:
        if key == "edge":
            edge = dict(value)
            dataset.add_relationship(
                f"lesmis:{int(edge['source'])}", f"lesmis:{int(edge['target'])}", edge["value"]
            )
    return dataset


def read_montagna(data_dir, kind):
    """Read a Montagna edge list. Meetings merge both orders of a pair, calls keep the order, and weights add up."""
    file = f"montagna/Montagna_{kind}_edgelist.csv"
    dataset = Dataset(f"montagna-{kind}", f"montagna-{kind}", [file])
    weights = {}
    for number, line in enumerate((data_dir / file).read_text(encoding="utf-8").splitlines(), 1):
        fields = line.split()
        if not fields or (number == 1 and not fields[0].isdigit()):
            continue
        first, second, weight = (int(field) for field in fields)
        if first == second or weight == 0:
            raise ValueError(
                f"montagna: invalid line {number} {line!r}, a self-loop or zero weight that the importer rejects")
        pair = tuple(sorted((first, second))) if kind == "meetings" else (first, second)
        weights[pair] = weights.get(pair, 0) + weight
    for (start, end), weight in weights.items():
        dataset.add_relationship(f"montagna:{start}", f"montagna:{end}", weight)
    return dataset


def read_caviar(data_dir, phase=None):
    """Read a CAVIAR matrix: one CALLED relationship per non-zero cell off the diagonal, weight = calls."""
    file = "caviar/morselli_caviar.csv" if phase is None else f"caviar/phase{phase}.csv"
    source = "caviar" if phase is None else f"caviar-phase{phase}"
    dataset = Dataset(source, source, [file])
    with open(data_dir / file, encoding="utf-8-sig", newline="") as matrix:
        header, *rows = list(csv.reader(matrix))
    players = [re.fullmatch(r"N?(\d+)", cell.strip()).group(1) for cell in header[1:]]

    # The whole network's players are stored under the source `caviar`, so they are all in
    # its projection. A phase projects only the ends of its calls.
    if phase is None:
        for player in players:
            dataset.add_node(f"caviar:N{player}")
    for row in rows:
        caller = re.fullmatch(r"N?(\d+)", row[0].strip()).group(1)
        for callee, cell in zip(players, row[1:]):
            count = int(cell) if cell.strip() else 0
            if count != 0 and callee != caller:
                dataset.add_relationship(f"caviar:N{caller}", f"caviar:N{callee}", count)
    return dataset


def multigraph(dataset, directed):
    """Build M (directed) or U (undirected), with one edge per relationship."""
    graph = nx.MultiDiGraph() if directed else nx.MultiGraph()
    graph.add_nodes_from(dataset.nodes)
    for source, target, weight in dataset.relationships:
        graph.add_edge(source, target, weight=weight)
    return graph


def simple_graph(dataset, directed, weighted, merge):
    """Build S (merge="sum") or T (merge="min"), with parallel relationships merged into one edge."""
    graph = nx.DiGraph() if directed else nx.Graph()
    graph.add_nodes_from(dataset.nodes)
    for source, target, weight in dataset.relationships:
        value = weight if weighted else 1.0
        if graph.has_edge(source, target):
            previous = graph[source][target]["weight"]
            value = previous + value if merge == "sum" else min(previous, value)
        graph.add_edge(source, target, weight=value)
    return graph


def entry(measure, call, compute, normalized=None, direction=None, seeds=None):
    """Compute one reference value with the request it is for and the networkx call.

    `normalized`, `direction` and `seeds` are the request's parameters of the same names, and
    None where the request leaves them out.
    """
    result = {"measure": measure, "normalized": normalized, "direction": direction, "seeds": seeds, "call": call}
    try:
        values = compute()
        result["values"] = {str(node): float(values[node]) for node in sorted(values)}
    except nx.PowerIterationFailedConvergence as error:
        result["values"] = None
        result["error"] = f"networkx raised PowerIterationFailedConvergence: {error}"
    return result


def personalisation_seeds(dataset):
    """Pick one and two seed nodes for personalised PageRank by highest total degree, ties by id."""
    degrees = multigraph(dataset, directed=False).degree()
    ranked = sorted(dataset.nodes, key=lambda node: (-degrees[node], node))
    return [ranked[:1], ranked[:2]]


def centrality_entries(dataset, directed, weighted):
    """Compute every centrality value of one projection, keyed by a name the test reports."""
    multi = multigraph(dataset, directed)
    strength = simple_graph(dataset, directed, weighted, "sum")
    distance = simple_graph(dataset, directed, weighted, "min")
    n = len(dataset.nodes)
    graph_name = "M" if directed else "U"
    weight = "'weight'" if weighted else "None"
    entries = {}

    directions = [("out", "out_degree", "out_degree_centrality"), ("in", "in_degree", "in_degree_centrality"),
                  ("total", "degree", "degree_centrality")] if directed else [(None, "degree", "degree_centrality")]
    for direction, degree_view, centrality in directions:
        suffix = f"_{direction}" if direction else ""
        view = getattr(multi, degree_view)
        if weighted:
            entries[f"degree{suffix}"] = entry(
                "degree", f"dict({graph_name}.{degree_view}(weight='weight'))",
                lambda view=view: dict(view(weight="weight")), normalized=False, direction=direction)
        else:
            entries[f"degree{suffix}"] = entry(
                "degree", f"dict({graph_name}.{degree_view}())", lambda view=view: dict(view()),
                normalized=False, direction=direction)
            entries[f"degree_centrality{suffix}"] = entry(
                "degree", f"nx.{centrality}({graph_name})",
                lambda name=centrality: getattr(nx, name)(multi), normalized=True, direction=direction)

    for normalized in (True, False):
        key = "betweenness_normalized" if normalized else "betweenness"
        entries[key] = entry(
            "betweenness", f"nx.betweenness_centrality(T, normalized={normalized}, weight={weight})",
            lambda normalized=normalized: nx.betweenness_centrality(
                distance, normalized=normalized, weight="weight" if weighted else None),
            normalized=normalized)

    # networkx's closeness and harmonic centrality both use incoming distances on a
    # DiGraph: the distance from each other node to the scored one. Outgoing distances
    # are the same calls on the reversed graph.
    searches = [(None, "T", distance)]
    if directed:
        searches = [("in", "T", distance), ("out", "T.reverse()", distance.reverse())]
    for direction, graph_text, graph in searches:
        suffix = f"_{direction}" if direction else ""
        entries[f"closeness{suffix}"] = entry(
            "closeness", f"nx.closeness_centrality({graph_text}, distance={weight}, wf_improved=True)",
            lambda graph=graph: nx.closeness_centrality(graph, distance="weight" if weighted else None),
            normalized=True, direction=direction)
        entries[f"harmonic{suffix}"] = entry(
            "harmonic", f"nx.harmonic_centrality({graph_text}, distance={weight})",
            lambda graph=graph: nx.harmonic_centrality(graph, distance="weight" if weighted else None),
            normalized=False, direction=direction)
        entries[f"harmonic_normalized{suffix}"] = entry(
            "harmonic", f"nx.harmonic_centrality({graph_text}, distance={weight}), each divided by n - 1 = {n - 1}",
            lambda graph=graph: {node: value / (n - 1) for node, value in nx.harmonic_centrality(
                graph, distance="weight" if weighted else None).items()},
            normalized=True, direction=direction)

    entries["pagerank"] = entry(
        "pagerank", "nx.pagerank(S, alpha=0.85, max_iter=1000, tol=1e-10, weight='weight')",
        lambda: nx.pagerank(strength, alpha=0.85, weight="weight", **ITERATION))
    for seeds in personalisation_seeds(dataset):
        personalization = {seed: 1 for seed in seeds}
        entries[f"pagerank_personalised_{len(seeds)}"] = entry(
            "pagerank",
            f"nx.pagerank(S, alpha=0.85, personalization={personalization!r}, max_iter=1000, tol=1e-10, "
            "weight='weight'); dangling nodes jump to the seeds",
            lambda personalization=personalization: nx.pagerank(
                strength, alpha=0.85, personalization=personalization, weight="weight", **ITERATION),
            seeds=seeds)

    # On a DiGraph networkx's eigenvector centrality collects from in-neighbours.
    entries["eigenvector"] = entry(
        "eigenvector", "nx.eigenvector_centrality(S, max_iter=1000, tol=1e-10, weight='weight')",
        lambda: nx.eigenvector_centrality(strength, weight="weight", **ITERATION))

    if not directed and not weighted:
        cores = nx.Graph(strength)
        cores.remove_edges_from(list(nx.selfloop_edges(cores)))
        entries["kcore"] = entry("kcore", "nx.core_number(nx.Graph(S) without self-loops)",
                                 lambda: nx.core_number(cores))
    return entries


def louvain_range(strength, weighted):
    """Run networkx's Louvain with seeds 0..99 and return the range of modularity and community count."""
    weight = "weight"
    modularities = []
    counts = []
    for seed in LOUVAIN_SEEDS:
        communities = nx.community.louvain_communities(strength, weight=weight, seed=seed)
        modularities.append(nx.community.modularity(strength, communities, weight=weight))
        counts.append(len(communities))
    return {
        "call": "nx.community.louvain_communities(S, weight='weight', seed=seed) for seed in 0..99, scored "
                "by nx.community.modularity(S, communities, weight='weight'), S undirected"
                + ("" if weighted else " with `weight` = number of merged relationships"),
        "min_modularity": min(modularities),
        "max_modularity": max(modularities),
        "min_communities": min(counts),
        "max_communities": max(counts),
    }


def sorted_components(components):
    return sorted((sorted(component) for component in components), key=lambda members: (-len(members), members))


def check_multigraph_agreement(dataset):
    """Check that networkx gives the same PageRank and modularity on U as on S unweighted."""
    multi = multigraph(dataset, directed=False)
    strength = simple_graph(dataset, directed=False, weighted=False, merge="sum")
    on_multi = nx.pagerank(multi, weight=None, **ITERATION)
    on_simple = nx.pagerank(strength, weight="weight", **ITERATION)
    assert all(abs(on_multi[node] - on_simple[node]) < 1e-12 for node in dataset.nodes), dataset.name
    communities = nx.community.louvain_communities(strength, weight="weight", seed=0)
    assert abs(nx.community.modularity(multi, communities, weight=None)
               - nx.community.modularity(strength, communities, weight="weight")) < 1e-12, dataset.name


def reference(dataset):
    """Build the reference document of one dataset."""
    check_multigraph_agreement(dataset)
    projections = []
    for orientation in ("undirected", "natural"):
        for weighted in (False, True):
            projections.append({
                "orientation": orientation,
                "weighted": weighted,
                "weightProperty": "weight" if weighted else None,
                "measures": centrality_entries(dataset, orientation == "natural", weighted),
            })

    undirected = simple_graph(dataset, directed=False, weighted=False, merge="sum")
    weighted_undirected = simple_graph(dataset, directed=False, weighted=True, merge="sum")
    directed = multigraph(dataset, directed=True)
    return {
        "dataset": dataset.name,
        "source": dataset.source,
        "files": dataset.files,
        "isolated_nodes": dataset.extra_nodes,
        "generated_by": "test/reference/networkx_reference.py",
        "versions": {
            "python": platform.python_version(),
            "networkx": nx.__version__,
            "numpy": module_version("numpy"),
            "scipy": module_version("scipy"),
        },
        "graphs": {
            "M": "nx.MultiDiGraph, one edge per stored relationship, with its weight",
            "U": "nx.MultiGraph, one edge per stored relationship, direction dropped",
            "S": "simple nx.Graph (undirected) or nx.DiGraph (natural); weight = sum of the merged "
                 "relationships' weights, or their number when unweighted",
            "T": "simple nx.Graph or nx.DiGraph; weight = minimum of the merged relationships' weights",
        },
        "n_nodes": len(dataset.nodes),
        "n_relationships": len(dataset.relationships),
        "projections": projections,
        "wcc": {"call": "nx.weakly_connected_components(M)",
                "components": sorted_components(nx.weakly_connected_components(directed))},
        "scc": {"call": "nx.strongly_connected_components(M)",
                "components": sorted_components(nx.strongly_connected_components(directed))},
        "louvain": {
            "unweighted": louvain_range(undirected, weighted=False),
            "weighted": louvain_range(weighted_undirected, weighted=True),
        },
        "articulation_points": {"call": "nx.articulation_points(S undirected)",
                                "nodes": sorted(nx.articulation_points(undirected))},
        "bridges": {"call": "nx.bridges(S undirected), each pair sorted",
                    "edges": sorted(sorted(edge) for edge in nx.bridges(undirected))},
    }


def module_version(name):
    try:
        return __import__(name).__version__
    except ImportError:
        return None


def data_folder():
    if len(sys.argv) > 1:
        return Path(sys.argv[1]).resolve()
    if os.environ.get("MILLENNIUM_DATA_DIR"):
        return Path(os.environ["MILLENNIUM_DATA_DIR"]).resolve()
    return (REPOSITORY_ROOT / ".." / "shared" / "data").resolve()


def main():
    # networkx iterates over sets of nodes (in harmonic centrality, for one), whose order
    # follows string hashing. A fixed hash seed keeps the float sums, and so the files,
    # identical from run to run.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, *sys.argv])

    if nx.__version__ != "3.6.1":
        print(f"warning: networkx {nx.__version__} found; the references were made with 3.6.1", file=sys.stderr)
    data_dir = data_folder()
    if not data_dir.is_dir():
        sys.exit(f"error: data folder {data_dir} not found; pass it as the first argument or set MILLENNIUM_DATA_DIR")

    phase10 = read_caviar(data_dir, phase=10)
    for node in ISOLATED_NODES:
        phase10.add_node(node["id"])
        phase10.extra_nodes.append({**node, "source": phase10.source})

    datasets = [read_karate(data_dir), read_lesmis(data_dir), read_montagna(data_dir, "meetings"),
                read_montagna(data_dir, "phonecalls"), read_caviar(data_dir), phase10]
    for dataset in datasets:
        document = reference(dataset)
        path = REFERENCE_DIR / f"{dataset.name}.json"
        path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        unconverged = [f"{projection['orientation']}/{'weighted' if projection['weighted'] else 'unweighted'}/{key}"
                       for projection in document["projections"]
                       for key, value in projection["measures"].items() if value["values"] is None]
        print(f"{path.name}: {document['n_nodes']} nodes, {document['n_relationships']} relationships, "
              f"{len(document['wcc']['components'])} weak components, not converged: {unconverged or 'none'}")


if __name__ == "__main__":
    main()
