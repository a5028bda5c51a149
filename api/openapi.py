"""The OpenAPI document as committed in openapi.yaml: generated from the app, so it cannot drift."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass

import yaml
from litestar.openapi.spec import OpenAPIFormat, OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Operation, Schema

from api.settings import Settings


def render_openapi_yaml(settings: Settings) -> str:
    # Imported here, not at the top: the routes the app is made of import this module's helpers.
    from api.app import create_app

    schema = create_app(settings).openapi_schema.to_schema()
    return yaml.safe_dump(schema, sort_keys=True, allow_unicode=True, width=120)


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
