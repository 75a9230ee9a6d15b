"""docs/desk.md describes the states and who may do what in one table, and that
table names every move articles/workflow.py has."""

from pathlib import Path

from django.conf import settings

from articles import workflow
from articles.models import Status

DOC = Path(settings.BASE_DIR) / "docs" / "desk.md"


def tables(text):
    """Markdown tables as lists of rows (a table is a run of lines starting with "|")."""
    found, current = [], []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            current.append([cell.strip() for cell in line.strip("|").split("|")])
        elif current:
            found.append(current)
            current = []
    return found


def test_one_table_says_who_may_make_each_move_in_each_state():
    text = DOC.read_text()
    [table] = tables(text)
    header, rows = table[0], table[2:]
    assert header[2:5] == ["Reporter", "Editor", "Desk chief"]
    table_text = " ".join(" ".join(row) for row in rows)
    moves = [
        "create", "edit", "submit", "return_to_reporter", "publish", "schedule", "update", "correct",
        "withdraw", "restore", "lift_embargo", "flash", "take_wire_update", "merge_wire_update",
        "dismiss_wire_update", "wire_create", "wire_update", "wire_kill",
    ]  # fmt: skip
    for move in moves:
        assert callable(getattr(workflow, move))
        assert f"`{move}`" in table_text, move
    for state in Status.values:
        assert state in table_text, state
    for label in ["Draft", "Ready for desk", "Scheduled for", "Embargoed until", "Published", "Updated", "Withdrawn"]:
        assert label in text, label
