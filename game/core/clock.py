"""Game time: turn phases with their lengths, day/night and the weather in force."""

from __future__ import annotations

from datetime import datetime, timedelta

from game.core.memo import memoised
from game.core.setup import GameSetup, WeatherEffect


def turn_starts(setup: GameSetup) -> list[datetime]:
    """Start times of every turn from the first phase to the scenario end (last turn ends at ``end``).

    Example: phases [(06:00, 12 h)] from 1 Nov 06:00 to 3 Nov 06:00 give 4 turns.
    """
    starts: list[datetime] = []
    phases = sorted(setup.phases, key=lambda p: p.start)
    t = phases[0].start
    while t < setup.end:
        starts.append(t)
        hours = phases[0].hours
        for ph in phases:
            if ph.start <= t:
                hours = ph.hours
        t = t + timedelta(hours=hours)
    return starts


def dark_share(daylight: tuple[int, int], start: datetime, end: datetime,
               step: timedelta = timedelta(minutes=30)) -> float:
    """Share of ``[start, end)`` that is dark, by local sunrise/sunset hours sampled every ``step``.

    Example: with daylight (7, 17), 16:00-18:00 is half dark; 06:00-06:30 is fully dark.
    """
    sunrise, sunset = daylight
    t, dark, total = start, 0.0, 0.0
    while t < end:
        mid = t + step / 2
        h = mid.hour + mid.minute / 60
        dark += 0.0 if sunrise <= h < sunset else 1.0
        total += 1.0
        t += step
    return dark / total if total else 0.0


class Clock:
    """Maps a turn index to its time span, light and weather."""

    def __init__(self, setup: GameSetup) -> None:
        self.setup = setup
        self.starts = turn_starts(setup)
        self.last_turn = len(self.starts) - 1
        self._night: dict[int, float] = {}
        self._hours: dict[int, float] = {}
        self._spells = sorted(setup.weather, key=lambda w: w.start)
        self._weather: dict[tuple[int, str | None, datetime | None], WeatherEffect] = {}
        self._labels: dict[int, str] = {}

    def start(self, turn: int) -> datetime:
        return self.starts[min(turn, self.last_turn)]

    def end(self, turn: int) -> datetime:
        return self.starts[turn + 1] if turn < self.last_turn else self.setup.end

    def hours(self, turn: int) -> float:
        if turn not in self._hours:
            self._hours[turn] = (self.end(turn) - self.start(turn)).total_seconds() / 3600.0
        return self._hours[turn]

    def night_share(self, turn: int) -> float:
        """Share of the turn's hours that are dark (sunrise/sunset hours from the scenario)."""
        if turn not in self._night:
            self._night[turn] = self._night_share(turn)
        return self._night[turn]

    def _night_share(self, turn: int) -> float:
        return dark_share(self.setup.daylight, self.start(turn), self.end(turn))

    def is_night(self, turn: int) -> bool:
        return self.night_share(turn) > 0.5

    def weather(self, turn: int, override: str | None = None, since: datetime | None = None) -> WeatherEffect:
        """The weather in force at the turn's start: the latest scheduled spell, or an event's ``override``
        from ``since`` on, whichever began last (memoised: rules ask many times a turn)."""
        key = (turn, override, since)
        if key not in self._weather:
            self._weather[key] = self._weather_at(turn, override, since)
        return self._weather[key]

    def _weather_at(self, turn: int, override: str | None, since: datetime | None) -> WeatherEffect:
        kind, began = "clear", None
        for spell in self._spells:
            if spell.start <= self.start(turn):
                kind, began = spell.kind, spell.start
        if override is not None and (since is None or began is None or since >= began):
            kind = override
        return self.setup.weather_effects.get(kind, WeatherEffect(kind, 1.0, 1.0))

    def label(self, turn: int) -> str:
        """Human label, e.g. ``Turn 3 - 24 Oct 2020 06:00-18:00 (day)`` (memoised: every phase's end says it)."""
        label = self._labels.get(turn)
        if label is None:
            label = self._labels[turn] = self._label(turn)
        return label

    def _label(self, turn: int) -> str:
        s, e = self.start(turn), self.end(turn)
        light = "night" if self.is_night(turn) else "day"
        return f"Turn {turn + 1} - {s:%d %b %Y %H:%M}-{e:%H:%M} ({light})"


def shared_clock(setup: GameSetup) -> Clock:
    """The clock of ``setup``'s calendar (phases, end, daylight, weather), made once per grid and calendar: its
    answers are pure functions of these, so every game of a batch shares one (labels, dark shares, weather)."""
    key = (setup.phases, setup.end, setup.daylight, setup.weather, tuple(sorted(setup.weather_effects.items())))
    return memoised(setup.grid, "clock", key, lambda: Clock(setup))
