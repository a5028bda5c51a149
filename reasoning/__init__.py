"""Pure reasoning about sourced figures: no HTTP, no database, no I/O."""
