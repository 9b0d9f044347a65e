"""The citizen's satisfaction with a dossier's handling: one rating per dossier, recorded as a
``rated`` event through the one write path (so it replicates as every event does)."""

from __future__ import annotations

from datetime import datetime

from onestop.domain import dossier as domain
from onestop.domain import input_policy as policy
from onestop.domain.errors import InputError
from onestop.domain.messages import msg
from onestop.domain.report import SCORE_LABELS_VI, SCORES, rating_of

from . import write
from .context import Context
from .dossiers import DossierDetail
from .users import require_role


def rate(
    ctx: Context,
    code: str,
    score: str,
    comment: str | None = None,
    at: datetime | None = None,
) -> DossierDetail:
    """Record the citizen's rating of ``code``; a second rating of the same dossier is refused
    (naming ``score``) and nothing is written."""
    require_role(ctx, "rate")
    if score not in SCORES:
        raise InputError("score", msg("rating.score", scores=", ".join(SCORES)))
    payload = {"score": score, "label": SCORE_LABELS_VI[score]}
    text = policy.optional(comment, "comment", limit=policy.LINE)
    if text:
        payload["comment"] = text
    at = ctx.recorded_time(at)
    with ctx.store.work() as uow:
        history = uow.dossiers.history(code)
        # Checked in the same transaction as the write: two clicks never give two ratings here.
        # (Two workstations offline may each record one; the figures count the first.)
        if rating_of(history.events) is not None:
            raise InputError("score", msg("rating.once", code=history.code))
        cmd = write.command(ctx, domain.EventType.RATED, at, payload)
        history = write.record(uow, ctx, history, [cmd])
        uow.commit()
    return DossierDetail.of(history.row, history.events, ctx.clock())
