"""Publishing that waits for a supervisor's clearance, as the reports app sees it.

Some regions ask a unit to submit its draft to the supervising agency before it publishes
(审核后发布). The reports app does not know the supervision app (it sits above): it asks the
gate registered here whether an agency may publish a report with the content it would publish,
and shows what the gate says beside the publish button. The supervision app registers its gate
when Django starts (``SupervisionConfig.ready``); without one, no region asks for clearance
and publishing never waits.

What is cleared is the content: :func:`content_digest` of the canonical JSON without the
publication date (the date is chosen when publishing, after the clearance). A cleared report
that is then changed (its prose, or the registers its tables count) has another digest and
needs clearance again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from gongkai.web.agencies.selectors import Actor
from gongkai.web.reports.models import AnnualReport

UNDATED_KEYS = ("published_on",)


def content_digest(document: dict[str, Any]) -> str:
    """The digest of what a report says, whatever day it is published on."""
    content = {k: v for k, v in document.items() if k not in UNDATED_KEYS}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Card:
    """What the report page shows about the clearance: a template of the gate's app with its
    context, and the refusal to publish ("" when the report may be published)."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    refusal: str = ""


class Gate(Protocol):
    def refusal(self, report: AnnualReport, digest: str) -> str: ...

    def card(self, actor: Actor, report: AnnualReport, digest: str) -> Card | None: ...


_gate: Gate | None = None


def register_gate(gate: Gate | None) -> None:
    global _gate
    _gate = gate


def refusal(report: AnnualReport, document: dict[str, Any]) -> str:
    """Why ``report`` may not be published with ``document`` now, in Chinese ("" if it may)."""
    if _gate is None:
        return ""
    return _gate.refusal(report, content_digest(document))


def card(actor: Actor, report: AnnualReport, document: dict[str, Any]) -> Card | None:
    """The clearance card of the report page, or None when no region asks for clearance."""
    if _gate is None:
        return None
    return _gate.card(actor, report, content_digest(document))
