"""The HTTP layer: settings, the app factory, wire structs, routes, problems and the command line."""
