"""Entities and metrics: the vocabulary, editable at run time so a new topic needs no release."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, delete, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Actor, editors_only
from api.pagination import Pager
from api.params import CursorQuery, LimitQuery, RefPath
from api.problems import LIST_PROBLEMS, NAMED_READ_PROBLEMS, WRITE_PROBLEMS
from api.schemas import AliasesIn, Entity, EntityIn, EntityPage, Metric, MetricIn, MetricPage
from api.views import entity_view, metric_view
from operations import vocabulary


class EntityController(Controller):
    path = "/v1/entities"
    tags = ("vocabulary",)

    @post("/", summary="Create an entity with its aliases", guards=[editors_only], responses=WRITE_PROBLEMS)
    async def create(
        self, data: JSONBody[EntityIn], db_session: NamedDependency[AsyncSession], actor: NamedDependency[Actor]
    ) -> Entity:
        row = await vocabulary.create_entity(
            db_session,
            key=data.key,
            name=data.name,
            kind=data.kind,
            description=data.description,
            aliases=data.aliases,
            actor=actor.name,
        )
        return entity_view(row)

    @get("/", summary="List entities", responses=LIST_PROBLEMS)
    async def list_entities(
        self,
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
        pager: NamedDependency[Pager],
        cursor: CursorQuery = None,
        limit: LimitQuery = None,
    ) -> Response[EntityPage]:
        page = pager.open(path=request.url.path, cursor=cursor, limit=limit, filters={})
        found = await vocabulary.list_entities(db_session, after_id=page.after_id, limit=page.fetch)
        rows, next_cursor, headers = pager.close(page, found)
        return Response(EntityPage(items=[entity_view(row) for row in rows], next=next_cursor), headers=headers)

    @get("/{ref:str}", summary="One entity, by id, key or alias", responses=NAMED_READ_PROBLEMS)
    async def get_entity(self, ref: RefPath, db_session: NamedDependency[AsyncSession]) -> Entity:
        return entity_view(await vocabulary.get_entity(db_session, ref=ref))

    @post(
        "/{ref:str}/aliases",
        summary="Add aliases to an entity",
        status_code=200,
        guards=[editors_only],
        responses=WRITE_PROBLEMS,
    )
    async def add_aliases(
        self,
        ref: RefPath,
        data: JSONBody[AliasesIn],
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
    ) -> Entity:
        return entity_view(
            await vocabulary.add_entity_aliases(db_session, ref=ref, aliases=data.aliases, actor=actor.name)
        )

    @delete(
        "/{ref:str}/aliases/{alias:str}",
        summary="Remove an alias from an entity",
        status_code=200,
        guards=[editors_only],
        responses=WRITE_PROBLEMS,
    )
    async def remove_alias(
        self, ref: RefPath, alias: RefPath, db_session: NamedDependency[AsyncSession], actor: NamedDependency[Actor]
    ) -> Entity:
        return entity_view(await vocabulary.remove_entity_alias(db_session, ref=ref, alias=alias, actor=actor.name))


class MetricController(Controller):
    path = "/v1/metrics"
    tags = ("vocabulary",)

    @post(
        "/",
        summary="Create a metric (stock or flow) with its aliases",
        guards=[editors_only],
        responses=WRITE_PROBLEMS,
    )
    async def create(
        self, data: JSONBody[MetricIn], db_session: NamedDependency[AsyncSession], actor: NamedDependency[Actor]
    ) -> Metric:
        row = await vocabulary.create_metric(
            db_session,
            key=data.key,
            name=data.name,
            unit=data.unit,
            kind=data.kind,
            feeds=data.feeds,
            description=data.description,
            aliases=data.aliases,
            actor=actor.name,
        )
        return metric_view(row)

    @get("/", summary="List metrics", responses=LIST_PROBLEMS)
    async def list_metrics(
        self,
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
        pager: NamedDependency[Pager],
        cursor: CursorQuery = None,
        limit: LimitQuery = None,
    ) -> Response[MetricPage]:
        page = pager.open(path=request.url.path, cursor=cursor, limit=limit, filters={})
        found = await vocabulary.list_metrics(db_session, after_id=page.after_id, limit=page.fetch)
        records, next_cursor, headers = pager.close(page, found)
        return Response(
            MetricPage(items=[metric_view(record) for record in records], next=next_cursor), headers=headers
        )

    @get("/{ref:str}", summary="One metric, by id, key or alias", responses=NAMED_READ_PROBLEMS)
    async def get_metric(self, ref: RefPath, db_session: NamedDependency[AsyncSession]) -> Metric:
        return metric_view(await vocabulary.get_metric(db_session, ref=ref))

    @post(
        "/{ref:str}/aliases",
        summary="Add aliases to a metric",
        status_code=200,
        guards=[editors_only],
        responses=WRITE_PROBLEMS,
    )
    async def add_aliases(
        self,
        ref: RefPath,
        data: JSONBody[AliasesIn],
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
    ) -> Metric:
        row = await vocabulary.add_metric_aliases(db_session, ref=ref, aliases=data.aliases, actor=actor.name)
        return metric_view(row)

    @delete(
        "/{ref:str}/aliases/{alias:str}",
        summary="Remove an alias from a metric",
        status_code=200,
        guards=[editors_only],
        responses=WRITE_PROBLEMS,
    )
    async def remove_alias(
        self, ref: RefPath, alias: RefPath, db_session: NamedDependency[AsyncSession], actor: NamedDependency[Actor]
    ) -> Metric:
        row = await vocabulary.remove_metric_alias(db_session, ref=ref, alias=alias, actor=actor.name)
        return metric_view(row)
