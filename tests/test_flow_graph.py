"""`medguide flow --mermaid`: drawn from the same data the engine walks; every question reachable, none a dead end."""

import re

from medguide.bot.devtools.graph import mermaid
from medguide.flows.model import RESULTS, load


def test_the_diagram_has_every_question_and_every_transition():
    flow = load()
    text = mermaid(flow)
    assert text.lstrip("-\n").startswith("medguide interview") or "stateDiagram" in text
    edges = set(re.findall(r"^\s*(\w+) --> (\w+)", text, flags=re.M))
    expected = {(q.id, n.to) for q in flow.questions for n in q.next}
    assert expected <= edges
    for q in flow.questions:
        conditional = [n for n in q.next if n.when]
        for n in conditional:
            assert re.search(rf"{q.id} --> {n.to}: advance \[{' & '.join(n.when)}\]", text), (q.id, n.to)


def test_every_question_is_reachable_and_has_a_way_forward():
    flow = load()
    graph = {q.id: [n.to for n in q.next] for q in flow.questions}
    seen, todo = set(), [flow.start]
    while todo:
        node = todo.pop()
        if node in seen or node == RESULTS:
            continue
        seen.add(node)
        todo.extend(graph[node])
    assert seen == set(graph), f"unreachable: {sorted(set(graph) - seen)}"
    for q in flow.questions:
        assert q.next and not q.next[-1].when and not q.next[-1].unless, f"{q.id} can get stuck"
    assert any(RESULTS in targets for targets in graph.values())
