"""Where the dashboard's readings come from: one module per source (cases, feedback, portal),
all writing through ``base.replace_period`` inside a logged run (``base.run``)."""
