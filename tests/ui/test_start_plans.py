"""GUI tests of plans on the start and end screens: the computer's plan list, the briefing's Plans section,
and the plans named in the after-action report (headless, real frames)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path  # noqa: E402

import pygame  # noqa: E402

from game.core.plans import plans_of  # noqa: E402
from game.play.session import Session  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.briefing import briefing_html  # noqa: E402
from game.ui.plantext import NO_PLANS, plans_banner, row_label  # noqa: E402
from game.ui.report import report_html  # noqa: E402
from game.ui.screens.end import EndScreen  # noqa: E402
from game.ui.screens.planlists import list_rows  # noqa: E402
from game.ui.screens.start import StartScreen  # noqa: E402
from tests.ui.test_start_end import SHUSHA, TINY, click, click_item, shot  # noqa: E402

HISTORICAL = "[Historical, default] Forest infiltration (the documented approach)"
BOMBARD = "[Counterfactual: no-fire zones lifted] The historical approach with the town bombarded"
DOCTRINE = "[Doctrine, default] Hold the expected axes (Karmir Shuka-Shosh and Lachin)"
MOBILE = "[Alternative] Forest patrols and a mobile reserve"


def start_screen(app: App, mode: str) -> StartScreen:
    scr = app.screen
    assert isinstance(scr, StartScreen) and scr.entry is not None and scr.entry.path.name == SHUSHA.name
    scr.select_mode(mode)
    app.step([])
    return scr


def selected(scr: StartScreen, side: str) -> str | None:
    return scr.plans.lists[side].get_single_selection()


def inside(rect: pygame.Rect, size: tuple[int, int]) -> bool:
    return rect.left >= 0 and rect.top >= 0 and rect.right <= size[0] and rect.bottom <= size[1]


# ---------------------------------------------------------------------------------------- start screen
def test_the_computer_plays_the_plan_chosen_in_the_list(app: App, game_cls: type) -> None:
    scr = start_screen(app, "side0")
    assert list(scr.plans.lists) == ["defender"]  # the player commands the attacker
    assert selected(scr, "defender") == DOCTRINE  # the default is preselected
    assert [i["text"] for i in scr.plans.lists["defender"].item_list] == [DOCTRINE, MOBILE]
    session = scr.build_session()
    assert session is not None and session.engine.setup.chosen_plans["defender"] == "doctrine"
    click_item(app, scr.plans.lists["defender"], MOBILE)
    assert selected(scr, "defender") == MOBILE
    assert "Forest patrols and a mobile reserve" in scr.note.html_text
    shot(app, "start_plans.png")
    click(app, scr.start_button)
    assert isinstance(app.screen, game_cls)
    assert app.screen.session.humans == ["attacker"]
    assert app.screen.session.engine.setup.chosen_plans == {"attacker": "historical", "defender": "mobile_reserve"}


def test_a_counterfactual_is_marked_with_what_it_lifts_and_lifts_it(app: App, game_cls: type) -> None:
    scr = start_screen(app, "side1")
    lst = scr.plans.lists["attacker"]
    assert list(scr.plans.lists) == ["attacker"]
    assert selected(scr, "attacker") == HISTORICAL
    rows = [i["text"] for i in lst.item_list]
    assert len(rows) == 6 and all(i["button_element"] is not None for i in lst.item_list)  # all in view
    assert BOMBARD in rows
    assert "[Counterfactual: forbidden unit classes allowed] Tanks on the road axis" in rows
    click_item(app, lst, BOMBARD)
    assert "Counterfactual: no-fire zones lifted" in scr.note.html_text
    assert "the town bombarded" in scr.note.html_text
    shot(app, "start_plans_counterfactual.png")
    # the choice survives a resize to the smallest window, and everything still fits
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=1024, h=700, size=(1024, 700))])
    app.step([])
    assert scr.chosen_plans()["attacker"].id == "bombard"
    assert (selected(scr, "attacker") or "").startswith("[Counterfactual: no-fire zones lifted] The historical")
    for el in [scr.plans.lists["attacker"], scr.briefing, scr.start_button, scr.note]:
        assert inside(el.rect, (1024, 700)), el
    assert scr.briefing.rect.top > scr.plans.lists["attacker"].rect.bottom
    assert scr.briefing.rect.height >= 200
    shot(app, "start_plans_small.png")
    key_enter = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)
    app.step([key_enter])
    assert isinstance(app.screen, game_cls)
    setup = app.screen.session.engine.setup
    assert setup.chosen_plans["attacker"] == "bombard"
    assert all(z.side != "attacker" for z in setup.constraints.no_fire_zones)  # the lift is played


def test_watch_mode_lists_both_sides_and_hot_seat_none(app: App, game_cls: type) -> None:
    scr = start_screen(app, "watch")
    assert list(scr.plans.lists) == ["attacker", "defender"]
    assert selected(scr, "attacker") == HISTORICAL and selected(scr, "defender") == DOCTRINE
    click_item(app, scr.plans.lists["attacker"], "[Alternative] Along the Karmir Shuka-Shosh road (Axis A)")
    session = scr.build_session()
    assert session is not None and session.humans == []
    assert session.engine.setup.chosen_plans == {"attacker": "road", "defender": "doctrine"}
    shot(app, "start_plans_watch.png")
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=1024, h=700, size=(1024, 700))])
    app.step([])
    for lst in scr.plans.lists.values():
        assert inside(lst.rect, (1024, 700)) and lst.rect.bottom < scr.briefing.rect.top
    assert scr.briefing.rect.height >= 200
    scr.select_mode("hotseat")
    app.step([])
    assert scr.plans.lists == {} and "Computer's plan" not in scr.note.html_text
    session = scr.build_session()
    assert session is not None and session.engine.setup.chosen_plans == {"attacker": "historical",
                                                                         "defender": "doctrine"}
    scr.select_mode("side0")  # the pick for a side is kept while the scenario stays
    scr.select_mode("watch")
    assert scr.chosen_plans()["attacker"].id == "road"
    assert (selected(scr, "attacker") or "").startswith("[Alternative] Along the Karmir")


def test_a_click_on_the_selected_plan_keeps_it_chosen(app: App) -> None:
    scr = start_screen(app, "side0")
    lst = scr.plans.lists["defender"]
    click_item(app, lst, DOCTRINE)  # a click on the selected row deselects it in pygame_gui
    assert lst.get_single_selection() is None or lst is not scr.plans.lists["defender"]
    app.step([])
    assert selected(scr, "defender") == DOCTRINE


def test_a_scenario_without_plans_shows_no_list_and_starts(app: App, game_cls: type) -> None:
    app.switch(StartScreen(app.ctx, preselect=str(TINY)))
    app.step([])
    scr = app.screen
    assert isinstance(scr, StartScreen) and scr.entry is not None and scr.entry.path == TINY
    for mode in ("side0", "watch"):
        scr.select_mode(mode)
        app.step([])
        assert scr.plans.lists == {}
        assert NO_PLANS in scr.note.html_text
        assert scr.briefing.rect.top == 118
    assert "Plans" not in scr.briefing.html_text
    click(app, scr.start_button)
    assert isinstance(app.screen, game_cls)
    assert app.screen.session.engine.setup.chosen_plans == {}


def test_plan_rows_share_the_room() -> None:
    assert list_rows([2], 9) == [2]
    assert list_rows([8], 9) == [6]  # at most six rows; the list scrolls
    assert list_rows([6, 2], 8) == [6, 2]
    assert list_rows([6, 2], 5) == [3, 2]
    assert list_rows([6, 6], 1) == [2, 2]  # never fewer than two
    assert list_rows([1, 0], 5) == [1, 0]


# ---------------------------------------------------------------------------------------- briefing
def test_the_briefing_lists_both_sides_plans(shusha) -> None:
    text = briefing_html(shusha)
    assert "Plans" in text and "its results are not history" in text
    for side in shusha.sides:
        for plan in plans_of(shusha, side):
            assert plan.description.split()[0] in text
    assert text.index("Plans") < text.index("Forces (assumptions)")
    for needle in ("[Historical, default]", "[Doctrine, default]", "[Alternative]",
                   "[Counterfactual: no-fire zones lifted]", "[Counterfactual: forbidden unit classes allowed]",
                   "Forest infiltration (the documented approach)", "Forest patrols and a mobile reserve",
                   "Source: Order of the approach as Azerbaijani accounts give it",
                   "Source: Azerbaijani Defence Minister Zakir Hasanov"):
        assert needle in text, needle
    plans = text[text.index("Plans"):text.index("Forces (assumptions)")]
    assert plans.count("default]") == 2  # one default per side
    assert "Counterfactual: the historical" not in plans  # the tag says it once, not twice
    assert row_label(plans_of(shusha, "attacker")[4]) == BOMBARD


def test_a_scenario_without_plans_has_no_plans_section(tiny) -> None:
    assert "Plans" not in briefing_html(tiny)


# ---------------------------------------------------------------------------------------- end screen
def test_the_end_report_names_a_counterfactual_plan(app: App, shusha) -> None:
    session = Session.new(shusha, 1, [], saves=app.ctx.saves, plans={"attacker": "bombard"})
    list(session.ai_steps())
    end = EndScreen(app.ctx, session)
    app.switch(end)
    app.step([])
    assert end.plans_label is not None
    assert end.plans_label.text.startswith("Counterfactual plan (not history): Azerbaijani forces")
    assert "(no-fire zones lifted)" in end.plans_label.text
    assert inside(end.plans_label.rect, (1280, 800))
    report = end.report.html_text
    assert "Plans played" in report and "Counterfactual plan (no-fire zones lifted):" in report
    assert "The historical approach with the town bombarded" in report and "[Doctrine]" in report
    shot(app, "end_counterfactual.png")
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=1024, h=700, size=(1024, 700))])
    app.step([])
    assert end.plans_label is not None and "(no-fire zones lifted)" in end.plans_label.text
    assert not end.plans_label.text.endswith("…")
    shot(app, "end_counterfactual_small.png")


def test_the_end_report_names_the_historical_plans(app: App, shusha) -> None:
    session = Session.new(shusha, 1, [], saves=app.ctx.saves)
    end = EndScreen(app.ctx, session)
    app.switch(end)
    app.step([])
    assert end.plans_label is not None and end.plans_label.text.startswith("Plans: Azerbaijani forces – Forest")
    assert "historical" in end.plans_label.text and "Counterfactual" not in end.plans_label.text
    assert "[Historical] Forest infiltration" in end.report.html_text


def test_a_summary_without_plans_has_no_plans_lines(tiny, tmp_path: Path) -> None:
    summary = Session.new(tiny, 1, [], saves=tmp_path).summary()
    assert plans_banner(tiny, summary) == "" and plans_banner(tiny, {**summary, "plans": None}) == ""
    assert "Plans played" not in report_html(tiny, summary)
