"""Entities and metrics: the vocabulary, editable at run time so a new topic needs no release."""

from __future__ import annotations

from litestar import Controller, Request, Response, delete, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Actor, editors_only
from api.pagination import Pager
from api.params import CursorQuery, LimitQuery, RefPath
from api.problems import READ_PROBLEMS, WRITE_PROBLEMS
from api.schemas import AliasesIn, Entity, EntityIn, EntityPage, Metric, MetricIn, MetricPage
from api.views import entity_view, metric_view
from db import models, vocabulary


async def _metric_view(db_session: AsyncSession, row: models.Metric) -> Metric:
    return (await _metric_views(db_session, [row]))[0]


async def _metric_views(db_session: AsyncSession, rows: list[models.Metric]) -> list[Metric]:
    fed = await vocabulary.metric_keys_by_id(db_session, [row.feeds_metric_id for row in rows if row.feeds_metric_id])
    return [metric_view(row, feeds=fed.get(row.feeds_metric_id or 0)) for row in rows]


class EntityController(Controller):
    path = "/v1/entities"
    tags = ["vocabulary"]

    @post("/", summary="Create an entity with its aliases", guards=[editors_only], responses=WRITE_PROBLEMS)
    async def create(
        self, data: JSONBody[EntityIn], db_session: NamedDependency[AsyncSession], actor: NamedDependency[Actor]
    ) -> Entity:
        row = await vocabulary.add_entity(
            db_session,
            key=data.key,
            name=data.name,
            kind=data.kind,
            description=data.description,
            aliases=data.aliases,
            actor=actor.name,
        )
        return entity_view(row)

    @get("/", summary="List entities", responses=READ_PROBLEMS)
    async def list_entities(
        self,
        request: Request,
        db_session: NamedDependency[AsyncSession],
        pager: NamedDependency[Pager],
        cursor: CursorQuery = None,
        limit: LimitQuery = None,
    ) -> Response[EntityPage]:
        page = pager.open(path=request.url.path, cursor=cursor, limit=limit, filters={})
        rows, next_cursor, headers = pager.close(
            page, await vocabulary.list_terms(db_session, models.Entity, after_id=page.after_id, limit=page.fetch)
        )
        return Response(EntityPage(items=[entity_view(row) for row in rows], next=next_cursor), headers=headers)

    @get("/{ref:str}", summary="One entity, by key or id", responses=READ_PROBLEMS)
    async def get_entity(self, ref: RefPath, db_session: NamedDependency[AsyncSession]) -> Entity:
        return entity_view(await vocabulary.get_term(db_session, models.Entity, ref))

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
        row = await vocabulary.get_term(db_session, models.Entity, ref)
        await vocabulary.add_aliases(db_session, row, data.aliases, actor=actor.name)
        return entity_view(await vocabulary.get_term(db_session, models.Entity, ref, refresh=True))

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
        row = await vocabulary.get_term(db_session, models.Entity, ref)
        await vocabulary.remove_alias(db_session, row, alias, actor=actor.name)
        return entity_view(await vocabulary.get_term(db_session, models.Entity, ref, refresh=True))


class MetricController(Controller):
    path = "/v1/metrics"
    tags = ["vocabulary"]

    @post(
        "/", summary="Create a metric (stock or flow) with its aliases", guards=[editors_only], responses=WRITE_PROBLEMS
    )
    async def create(
        self, data: JSONBody[MetricIn], db_session: NamedDependency[AsyncSession], actor: NamedDependency[Actor]
    ) -> Metric:
        row = await vocabulary.add_metric(
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
        return await _metric_view(db_session, row)

    @get("/", summary="List metrics", responses=READ_PROBLEMS)
    async def list_metrics(
        self,
        request: Request,
        db_session: NamedDependency[AsyncSession],
        pager: NamedDependency[Pager],
        cursor: CursorQuery = None,
        limit: LimitQuery = None,
    ) -> Response[MetricPage]:
        page = pager.open(path=request.url.path, cursor=cursor, limit=limit, filters={})
        rows, next_cursor, headers = pager.close(
            page, await vocabulary.list_terms(db_session, models.Metric, after_id=page.after_id, limit=page.fetch)
        )
        return Response(
            MetricPage(items=await _metric_views(db_session, list(rows)), next=next_cursor), headers=headers
        )

    @get("/{ref:str}", summary="One metric, by key or id", responses=READ_PROBLEMS)
    async def get_metric(self, ref: RefPath, db_session: NamedDependency[AsyncSession]) -> Metric:
        return await _metric_view(db_session, await vocabulary.get_term(db_session, models.Metric, ref))

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
        row = await vocabulary.get_term(db_session, models.Metric, ref)
        await vocabulary.add_aliases(db_session, row, data.aliases, actor=actor.name)
        return await _metric_view(db_session, await vocabulary.get_term(db_session, models.Metric, ref, refresh=True))

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
        row = await vocabulary.get_term(db_session, models.Metric, ref)
        await vocabulary.remove_alias(db_session, row, alias, actor=actor.name)
        return await _metric_view(db_session, await vocabulary.get_term(db_session, models.Metric, ref, refresh=True))
