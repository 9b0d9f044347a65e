"""Properties of the central PostgreSQL's own projection (migration 0009): the dossier row that
its push function writes in SQL is the one onestop.domain projects in Python, on random
histories of every event type, and its folded applicant name is onestop.domain.text.fold's, on
any text. Both against the real server."""

from __future__ import annotations

import unicodedata
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from test_sync_properties import _BASE, _rows

from onestop.domain import dossier as domain
from onestop.domain.text import fold
from onestop.store.db import make_engine, open_store
from onestop.sync import central as ops
from onestop.sync import projection
from onestop.sync.projection import DOSSIERS, projected, to_event
from tests.helpers import chain_events

SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}


@pytest.fixture(scope="module")
def centre(pg_cluster):
    """A migrated central database, its owner's engine (each example rolls back)."""
    url = pg_cluster.create_database()
    open_store(url).close()
    engine = make_engine(url)
    yield engine
    engine.dispose()


# Any text PostgreSQL can hold (no NUL, no lone surrogate), decomposed or not; and names drawn
# from Vietnamese letters, their combining accents and look-alikes.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))
LETTERS = (
    "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYaăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉ"
    "ĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵÐðÆæØøẞßİıŉǅǈﬁ½²ⅫΣσςΆ한글Å K０９ -'.,\t\u0300\u0301\u0303"
    "\u0309\u0323\u200b\u202e\u00ad"
)
NAMES = st.text(st.sampled_from(LETTERS), max_size=40)
TEXTS = st.one_of(
    ANY_TEXT,
    NAMES,
    ANY_TEXT.map(lambda s: unicodedata.normalize("NFD", s)),
    NAMES.map(lambda s: unicodedata.normalize("NFD", s)),
)


@pytest.mark.postgres
@settings(max_examples=300, **SETTINGS)
@given(texts=st.lists(TEXTS, max_size=25))
def test_the_centres_fold_is_the_domains_on_any_text(texts, centre):
    with centre.connect() as conn:
        raw = conn.connection.driver_connection
        got = raw.execute(
            "SELECT public.onestop_fold_text(t) FROM unnest(%s::text[]) WITH ORDINALITY "
            "AS u(t, n) ORDER BY n",
            [texts],
        ).fetchall()
    assert [g for (g,) in got] == [fold(t) for t in texts]


TRICKY = [
    "Đặng Thị Hoa Rây",
    "ĐẶNG  THỊ\tHOA",
    unicodedata.normalize("NFD", "Nguyễn Văn Ánh"),
    "ΣΟΦΟΣ σοφός",  # a final sigma folds like the other
    "İstanbul ıi",  # the dotted capital lowers to i + a combining dot
    "ǅemal ﬁle ½ ² Ⅻ ０９",  # compatibility forms: several letters, digits, a fraction
    "한글 Ａ Å K",  # Hangul syllables decompose into jamo; Ångström and Kelvin signs
    "ŉ Æsir Øystein ẞ",  # ŉ becomes ʼn; æ, ø and ß stay letters of their own
    "a\u200bb\u202ec\u00add",  # invisible and bidirectional controls
    "𝔸𝕓𝒸 🙂 \U000e0041",  # mathematical letters, an emoji, a tag character
    "",
    "   ",
]


@pytest.mark.postgres
def test_the_centres_fold_on_characters_that_fold_in_context_or_into_several(centre):
    with centre.connect() as conn:
        raw = conn.connection.driver_connection
        got = raw.execute(
            "SELECT public.onestop_fold_text(t) FROM unnest(%s::text[]) WITH ORDINALITY "
            "AS u(t, n) ORDER BY n",
            [TRICKY],
        ).fetchall()
    assert [g for (g,) in got] == [fold(t) for t in TRICKY]


# Histories of every event type (and an unknown one), the types that move the status drawn
# more often so that long valid runs and every transition show up; hours tie often.
KINDS = [k.value for k in domain.EventType] + ["not_a_type"]
KINDS += [k for k in domain.TRANSITIONS for _ in range(2)]
HISTORIES = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 8), st.integers(0, 5)),
    min_size=0,
    max_size=16,
)


def _agency_rows(history, name: str, minutes: int) -> list[dict]:
    """A random history of one dossier (test_sync_properties), moved by some minutes (the day
    of receipt in Vietnam then varies), every received event's payload naming the agency (as
    the counter writes it), the applicant's name drawn too."""
    rows = _rows(history, pulled=False)
    for row in rows:
        row["at"] = row["recorded_at"] = row["at"] + timedelta(minutes=minutes)
        if row["type"] == "received":
            row["payload"] = {**row["payload"], "agency_code": "A"}
    rows[0]["payload"]["applicant_name"] = name
    return rows


@pytest.mark.postgres
@settings(max_examples=300, **SETTINGS)
@given(
    history=HISTORIES,
    name=st.one_of(NAMES, ANY_TEXT),
    shuffle=st.randoms(use_true_random=False),
    split=st.integers(0, 12),
    minutes=st.integers(0, 24 * 60),
)
def test_the_centres_projection_is_the_domains(history, name, shuffle, split, minutes, centre):
    """Pushed in two batches (the received event and some others, then the rest): the row the
    centre creates from the first and reprojects with the second is the domain's projection of
    the whole history, with the facts of the first batch's received event."""
    rows = _agency_rows(history, name, minutes)
    received, others = rows[0], rows[1:]
    shuffle.shuffle(others)
    first = [received, *others[:split]]
    shuffle.shuffle(first)
    second = others[split:]
    chain_events([*first, *second])  # as their workstations recorded them
    now = _BASE + timedelta(days=1)
    with centre.connect() as conn, conn.begin() as tx:
        pushed = ops.push(conn, agency="A", workstation_id="w0", events=first, now=now)
        assert pushed.accepted == len(first)
        if second:
            again = ops.push(conn, agency="A", workstation_id="w0", events=second, now=now)
            assert again.accepted == len(second)
        row = dict(conn.execute(select(DOSSIERS).where(DOSSIERS.c.id == "d")).mappings().one())
        tx.rollback()
    expected = projection._new_dossier_domain(list(first), now)
    expected.update(projected(domain.project([to_event(r) for r in rows]), now))
    # The centre's fold keeps no count of supplement requests (NULL there: the workstations'
    # per-day figures read it; the centre's report classifies such dossiers from their events).
    assert row.pop("supplements") is None
    del expected["supplements"]
    assert row == expected
