"""The start screen's "Computer's plan" lists: one per side the computer plays that has plans.

Each row names a plan with its basis in front (``[Counterfactual: no-fire zones lifted] ...``), so a
long name elided at the row's end never hides it; counterfactual rows are also drawn in orange. The
side's default plan is selected until the player picks another.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UILabel, UISelectionList

from game.core.plans import Plan, default_plan, plans_of
from game.core.setup import GameSetup
from game.ui.plantext import row_label
from game.ui.style import elide

ROW, HEAD, GAP = 30, 26, 14  # list row, heading above a list, space below a list
MAX_ROWS = 6  # a list with more plans scrolls


def list_rows(want: list[int], budget: int) -> list[int]:
    """Rows per list: each list's ``want`` (capped at MAX_ROWS), at least 2, the rest shared out in
    turn while the ``budget`` lasts. E.g. ``list_rows([6, 2], 5) == [3, 2]``."""
    want = [min(MAX_ROWS, n) for n in want]
    rows = [min(2, n) for n in want]
    while sum(rows) < budget and rows != want:
        i = min((i for i, n in enumerate(want) if rows[i] < n), key=lambda i: rows[i])
        rows[i] += 1
    return rows


def chosen_plans(setup: GameSetup, sides: list[str], picked: dict[str, str]) -> dict[str, Plan]:
    """The plan each of ``sides`` plays: the one ``picked`` for it, else its default (sides without
    plans are left out)."""
    out: dict[str, Plan] = {}
    for side in sides:
        plan = next((p for p in plans_of(setup, side) if p.id == picked.get(side)), None)
        plan = plan or default_plan(setup, side)
        if plan is not None:
            out[side] = plan
    return out


class PlanLists:
    """The lists, the player's picks (kept while the scenario stays) and the elements they are made of."""

    def __init__(self, manager: pygame_gui.UIManager) -> None:
        self.manager = manager
        self.picked: dict[str, str] = {}  # side -> plan id the player picked
        self.lists: dict[str, UISelectionList] = {}
        self.elements: list[pygame_gui.core.UIElement] = []
        self._labels: dict[str, dict[str, str]] = {}  # side -> row label -> plan id
        self._setup: GameSetup | None = None

    @staticmethod
    def height(setup: GameSetup, sides: list[str], room: int) -> list[int]:
        """Rows per side's list when the lists may take ``room`` pixels."""
        sides = [s for s in sides if plans_of(setup, s)]
        return list_rows([len(plans_of(setup, s)) for s in sides], (room - len(sides) * (HEAD + 6 + GAP)) // ROW)

    def build(self, setup: GameSetup, sides: list[str], rect: pygame.Rect, *, names: dict[str, str]) -> int:
        """Make a heading and a list for each of ``sides`` that has plans, from the top of ``rect``
        (within its height); returns the y below the last list (``rect.top`` when there is none)."""
        self.kill()
        self._setup = setup
        sides = [s for s in sides if plans_of(setup, s)]
        y = rect.top
        for side, rows in zip(sides, self.height(setup, sides, rect.height), strict=True):
            self.elements.append(UILabel(pygame.Rect(rect.x, y, rect.width, 24),
                                         elide(f"Computer's plan: {names.get(side, side)}", rect.width),
                                         self.manager, object_id="#heading_label"))
            self.lists[side] = self._list(side, pygame.Rect(rect.x, y + HEAD, rect.width, rows * ROW + 6))
            y += HEAD + rows * ROW + 6 + GAP
        return y

    def _list(self, side: str, rect: pygame.Rect) -> UISelectionList:
        assert self._setup is not None
        labels: dict[str, str] = {}
        items: list[tuple[str, str]] = []
        for plan in plans_of(self._setup, side):
            label = elide(row_label(plan), rect.width - 30)
            while label in labels:
                label += " "
            labels[label] = plan.id
            items.append((label, "#counterfactual_item" if plan.basis == "counterfactual" else "#plan_item"))
        self._labels[side] = labels
        chosen = chosen_plans(self._setup, [side], self.picked).get(side)
        sel = next((it for it in items if chosen is not None and labels[it[0]] == chosen.id), None)
        lst = UISelectionList(rect, items, self.manager, default_selection=sel)
        self.elements.append(lst)
        return lst

    def _replace(self, side: str) -> None:
        old = self.lists[side]
        self.elements.remove(old)
        old.kill()
        self.lists[side] = self._list(side, old.relative_rect.copy())

    def pick(self, side: str, plan_id: str) -> bool:
        """Choose ``plan_id`` for ``side`` (and select its row); False when the side has no such plan."""
        if self._setup is None or all(p.id != plan_id for p in plans_of(self._setup, side)):
            return False
        self.picked[side] = plan_id
        if side in self.lists:
            self._replace(side)
        return True

    def handle(self, event: pygame.event.Event) -> bool:
        """Take a row chosen in one of the lists; True when it changed a pick."""
        if event.type != pygame_gui.UI_SELECTION_LIST_NEW_SELECTION:
            return False
        side = next((s for s, lst in self.lists.items() if lst is getattr(event, "ui_element", None)), None)
        pid = self._labels.get(side or "", {}).get(event.text)
        if side is None or pid is None:
            return False
        self.picked[side] = pid
        return True

    def update(self) -> None:
        """A click on the selected row deselects it: select it again (a plan is always chosen)."""
        for side, lst in list(self.lists.items()):
            if lst.get_single_selection() is None:
                self._replace(side)

    def kill(self) -> None:
        for el in self.elements:
            el.kill()
        self.elements, self.lists, self._labels = [], {}, {}
