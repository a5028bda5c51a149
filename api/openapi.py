"""The OpenAPI document as committed in openapi.yaml: generated from the app, so it cannot drift."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

# Litestar's own plugin for msgspec Structs; private, so this subclass is pinned with Litestar (constraints.txt).
from litestar._openapi.schema_generation.plugins.struct import StructSchemaPlugin
from litestar.openapi.spec import OpenAPIFormat, OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Operation, Schema
from litestar.plugins import OpenAPISchemaPlugin
from litestar.typing import FieldDefinition

from api.params import Moment
from api.settings import Settings
from api.wire import WireIn

if TYPE_CHECKING:
    from litestar._openapi.schema_generation import SchemaCreator


def render_openapi_yaml(settings: Settings) -> str:
    # Imported here, not at the top: the routes the app is made of import this module's helpers.
    from api.app import create_app

    schema = create_app(settings).openapi_schema.to_schema()
    return yaml.safe_dump(schema, sort_keys=True, allow_unicode=True, width=120)


class ClosedRequestBodies(StructSchemaPlugin):
    """Request bodies refuse fields they do not name (a 400), so their schemas say `additionalProperties: false`:
    without it the document would promise that a body with an extra field is accepted."""

    def is_plugin_supported_field(self, field_definition: FieldDefinition) -> bool:
        return super().is_plugin_supported_field(field_definition) and field_definition.is_subclass_of(WireIn)

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: SchemaCreator) -> Schema:
        schema = super().to_openapi_schema(field_definition, schema_creator)
        schema.additional_properties = False
        return schema


class MomentSchema(OpenAPISchemaPlugin):
    """A Moment (api.params) is documented as what it reads: an RFC 3339 date-time."""

    @staticmethod
    def is_plugin_supported_type(value: Any) -> bool:
        return value is Moment

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: SchemaCreator) -> Schema:
        return Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.DATE_TIME)


def also_rendered_as(status: int, renderings: Mapping[str, Schema]) -> type[Operation]:
    """An `operation_class` for a route handler whose `status` response also comes in other media types.

    Litestar's ResponseSpec documents one media type, while handlers that negotiate a rendering
    (api/formats.py) send the same resource in several: the returned Operation adds each of `renderings`
    (media type -> schema) to the content Litestar generated for `status`.
    """

    @dataclass
    class RenderedOperation(Operation):
        def __post_init__(self) -> None:
            response = (self.responses or {}).get(str(status))
            if not isinstance(response, OpenAPIResponse):
                raise LookupError(f"operation {self.operation_id} declares no {status} response to add renderings to")
            # A copy per document: Litestar may rewrite schemas while it assembles one.
            added = {
                media_type: OpenAPIMediaType(schema=copy.deepcopy(schema)) for media_type, schema in renderings.items()
            }
            response.content = {**(response.content or {}), **added}

    return RenderedOperation


def _text(description: str | None = None, *, const: str | None = None, format: OpenAPIFormat | None = None) -> Schema:
    return Schema(type=OpenAPIType.STRING, description=description, const=const, format=format)


def _organization(description: str) -> Schema:
    return Schema(
        type=OpenAPIType.OBJECT,
        description=description,
        required=["@type", "name"],
        properties={"@type": _text(const="Organization"), "name": _text()},
    )


CSV_SCHEMA = _text("CSV (RFC 4180) with a header row, then one row a point; sources and quotes joined with ' | '")

# What api.formats.claim_review_json_ld writes; names are schema.org's, hence camelCase and "@" keys.
CLAIM_REVIEW_SCHEMA = Schema(
    type=OpenAPIType.OBJECT,
    description="The check as schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview)",
    required=["@context", "@type", "claimReviewed", "itemReviewed", "reviewRating", "datePublished", "author"],
    properties={
        "@context": _text(const="https://schema.org"),
        "@type": _text(const="ClaimReview"),
        "url": _text("where the check is published, when known", format=OpenAPIFormat.URI),
        "claimReviewed": _text("the claim as it was checked"),
        "itemReviewed": Schema(
            type=OpenAPIType.OBJECT,
            description="the claim, with who made it and when, when known",
            required=["@type"],
            properties={
                "@type": _text(const="Claim"),
                "author": _organization("who made the claim"),
                "datePublished": _text(format=OpenAPIFormat.DATE),
            },
        ),
        "reviewRating": Schema(
            type=OpenAPIType.OBJECT,
            description="the verdict: 5 supported, 3 mixed, 1 contradicted; an unverifiable claim has no ratingValue",
            required=["@type", "bestRating", "worstRating", "alternateName", "ratingExplanation"],
            properties={
                "@type": _text(const="Rating"),
                "ratingValue": Schema(type=OpenAPIType.INTEGER, minimum=1, maximum=5),
                "bestRating": Schema(type=OpenAPIType.INTEGER, const=5),
                "worstRating": Schema(type=OpenAPIType.INTEGER, const=1),
                "alternateName": _text("the verdict in words"),
                "ratingExplanation": _text("the reason for the verdict"),
            },
        ),
        "datePublished": _text("the day of the check", format=OpenAPIFormat.DATE),
        "author": _organization("who checked the claim"),
    },
)
