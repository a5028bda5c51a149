"""The OpenAPI document as committed in openapi.yaml: generated from the app, so it cannot drift."""

from __future__ import annotations

import yaml

from api.app import create_app
from api.settings import Settings


def render_openapi_yaml(settings: Settings) -> str:
    schema = create_app(settings).openapi_schema.to_schema()
    return yaml.safe_dump(schema, sort_keys=True, allow_unicode=True, width=120)
