"""GraphStore.events: the meetings a question like "who met whom" is answered from, on both backends."""
from __future__ import annotations

from diplograph.graph.store import GraphStore


def test_events_with_their_participants_place_and_date(filled: GraphStore) -> None:
    events = filled.events()
    assert len(events) == 1
    event = events[0]
    assert (event.kind, set(event.participants), event.place, event.date) == (
        "meeting", {"Andrii Sybiha", "Marco Rubio"}, "Washington", "2025-10-20")
    assert not event.planned and "Rubio met" in event.sentence and event.doc


def test_events_of_one_actor(filled: GraphStore) -> None:
    assert [set(e.participants) for e in filled.events(actor="Rubio")] == [{"Andrii Sybiha", "Marco Rubio"}]
    assert filled.events(actor="Donald Trump") == []  # quoted, but at no meeting
    assert filled.events(actor="Nobody At All") == []
