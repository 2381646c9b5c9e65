"""AI policies: they read the engine and propose Actions; only ``Engine.submit`` changes anything."""
