"""Rules: movement, combat, constraints, upkeep (morale, fatigue, supply), control, victory."""
