"""The use cases: one async function per thing factdesk does, the only path from routes, CLI and seeds to the store.

Each takes a session (the caller's transaction), the settings when it needs them, and typed keyword
arguments; it reads through `db`, decides through `reasoning`, writes through `db`, and never commits.
"""
