"""`factdesk eval`: the development corpus run through a fresh server's HTTP API, scored against gold."""
