"""The interview graph, drawn from the same data the engine walks."""

from __future__ import annotations

from transitions.extensions import GraphMachine

from medguide.flows.model import Flow, load

from medguide.bot.guide.engine import machine_config


class _Model:
    """A bare model: GraphMachine only draws, it never evaluates the conditions."""


def mermaid(flow: Flow | None = None) -> str:
    model = _Model()
    GraphMachine(model=model, graph_engine="mermaid", show_conditions=True, auto_transitions=False,
                 title="medguide interview", **machine_config(flow or load()))
    return model.get_graph().draw(None)  # type: ignore[attr-defined]
