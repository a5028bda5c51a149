"""Sources over HTTP: ingest is idempotent, listing pages, texts come back verbatim."""

from __future__ import annotations

import httpx

from tests.api.helpers import BUS_TEXT, problem_of


async def test_a_new_text_is_created_and_the_same_text_again_returns_it(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    body = {"text": BUS_TEXT, "title": "Buses", "stated_date": "2031-05-12"}
    first = await client.post("/v1/sources", headers=editor, json=body)
    second = await client.post("/v1/sources", headers=editor, json={**body, "title": "Another title"})
    assert first.status_code == 201, first.text
    assert second.status_code == 200, second.text
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["title"] == "Buses"
    listed = (await client.get("/v1/sources")).json()["items"]
    assert [item["id"] for item in listed].count(first.json()["id"]) == 1


async def test_a_source_comes_back_with_its_text_verbatim_and_its_date_basis(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    text = " date 2031-01-01 Curly “quotes” and an apostrophe’s offsets.\r\nSecond line."
    created = (
        await client.post("/v1/sources", headers=editor, json={"text": text, "stated_date": "2031-01-01"})
    ).json()
    fetched = (await client.get(f"/v1/sources/{created['id']}")).json()
    assert fetched["text"] == text
    assert fetched["text_length"] == len(text)
    assert fetched["date"] == {"stated": "2031-01-01", "used": "2031-01-01", "basis": "stated", "reason": None}


async def test_an_inferred_date_needs_a_reason(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    response = await client.post(
        "/v1/sources", headers=editor, json={"text": "x 12", "stated_date": "2031-01-01", "date_used": "2031-02-06"}
    )
    body = problem_of(response, 422)
    assert "date_reason" in body["detail"]
    ok = await client.post(
        "/v1/sources",
        headers=editor,
        json={
            "text": "x 12",
            "stated_date": "2031-01-01",
            "date_used": "2031-02-06",
            "date_reason": "speaks of late January",
        },
    )
    assert ok.status_code == 201
    assert ok.json()["date"] == {
        "stated": "2031-01-01",
        "used": "2031-02-06",
        "basis": "inferred",
        "reason": "speaks of late January",
    }


async def test_a_source_without_any_date_has_basis_unknown(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    created = await client.post("/v1/sources", headers=editor, json={"text": "An undated text with 3 figures."})
    assert created.json()["date"]["basis"] == "unknown"
    assert created.json()["date"]["used"] is None


async def test_listing_pages_with_a_cursor_and_a_link_header(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    ids = []
    for number in range(5):
        response = await client.post("/v1/sources", headers=editor, json={"text": f"text number {number}"})
        ids.append(response.json()["id"])
    seen: list[int] = []
    url = "/v1/sources?limit=2"
    pages = 0
    while url and pages < 10:
        response = await client.get(url)
        assert response.status_code == 200
        page = response.json()
        seen.extend(item["id"] for item in page["items"])
        assert len(page["items"]) <= 2
        if page["next"]:
            assert 'rel="next"' in response.headers["link"]
            url = response.headers["link"].split(">")[0].lstrip("<")
        else:
            url = ""
            assert "link" not in response.headers
        pages += 1
    assert seen == sorted(seen)
    assert set(ids) <= set(seen)
    assert "text" not in page["items"][0] or page["items"][0]["text"] is None


async def test_a_tampered_cursor_is_refused(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    for number in range(3):
        await client.post("/v1/sources", headers=editor, json={"text": f"cursor text {number}"})
    page = (await client.get("/v1/sources?limit=1")).json()
    payload, signature = page["next"].split(".")
    tampered = payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1] + "." + signature
    for cursor in (tampered, "garbage", page["next"] + "x"):
        body = problem_of(await client.get("/v1/sources", params={"limit": 1, "cursor": cursor}), 400)
        assert body["code"] == "invalid_cursor"
        assert "next" in body["hint"]


async def test_a_cursor_from_another_listing_is_refused(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    for number in range(3):
        await client.post("/v1/sources", headers=editor, json={"text": f"scope text {number}"})
    cursor = (await client.get("/v1/sources?limit=1")).json()["next"]
    body = problem_of(await client.get("/v1/entities", params={"cursor": cursor}), 400)
    assert body["code"] == "invalid_cursor"


async def test_a_page_size_over_the_limit_is_a_problem_naming_the_limit(client: httpx.AsyncClient) -> None:
    body = problem_of(await client.get("/v1/sources?limit=100000"), 422)
    assert "200" in body["hint"]


async def test_an_unknown_source_is_a_404_problem(client: httpx.AsyncClient) -> None:
    body = problem_of(await client.get("/v1/sources/987654"), 404)
    assert body["code"] == "not_found"


async def test_correcting_a_source_date_moves_the_times_read_from_it(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    from tests.api.helpers import make_bus_topic

    topic = await make_bus_topic(client, editor)
    source_id = topic["source"]["id"]
    batch = (
        await client.post(
            "/v1/assertions/batch",
            headers=editor,
            json={
                "assertions": [
                    {
                        "source_id": source_id,
                        "subject": "riverton-buses",
                        "metric": "vehicles-added",
                        "value_text": "42",
                        "quote": "42 new electric buses had joined the fleet",
                        "time": {"text": "on Friday"},
                    },
                    {
                        "source_id": source_id,
                        "subject": "riverton-buses",
                        "metric": "vehicles",
                        "value_text": "500",
                        "quote": "pledged a fleet of 500 buses by 2035",
                        "modality": "pledged",
                        "time": {"start": "2035-12-31"},
                    },
                ]
            },
        )
    ).json()["items"]
    assert batch[0]["time"]["start"] == "2031-05-09"
    response = await client.patch(
        f"/v1/sources/{source_id}",
        headers=editor,
        json={
            "date_used": "2031-06-02",
            "date_reason": "the release went out on 2 June; the dateline is a template",
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["source"]["date"]["basis"] == "inferred"
    assert body["assertions_retimed"] == [batch[0]["id"]]
    assert (await client.get(f"/v1/assertions/{batch[0]['id']}")).json()["time"]["start"] == "2031-05-30"
    assert (await client.get(f"/v1/assertions/{batch[1]['id']}")).json()["time"]["start"] == "2035-12-31"
    changes = (await client.get("/v1/changes", params={"limit": 200})).json()["items"]
    retimed = [change for change in changes if change["action"] == "assertion.retimed"]
    assert retimed[-1]["data"]["before"]["start"] == "2031-05-09"


async def test_correcting_a_date_needs_a_reason(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    created = (
        await client.post("/v1/sources", headers=editor, json={"text": "dated text 9", "stated_date": "2031-01-01"})
    ).json()
    problem_of(
        await client.patch(f"/v1/sources/{created['id']}", headers=editor, json={"date_used": "2031-02-01"}), 400
    )


async def test_a_text_that_speaks_of_later_days_than_its_date_is_flagged_with_the_evidence(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    text = "The council met on Monday. In late March, the mayor warned that the bridge could close."
    created = await client.post("/v1/sources", headers=editor, json={"text": text, "stated_date": "2031-03-01"})
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["flags"] == ["stated_date_contradicted"]
    [evidence] = body["date_evidence"]
    assert text[evidence["start"] : evidence["end"]] == evidence["phrase"] and "late March" in evidence["phrase"]
    fetched = (await client.get(f"/v1/sources/{body['id']}")).json()
    assert fetched["date_evidence"] == body["date_evidence"]
    conflicts = (
        await client.get("/v1/conflicts", params={"kind": "date_contradiction", "source_id": body["id"]})
    ).json()["items"]
    assert len(conflicts) == 1 and "late March" in conflicts[0]["reason"]


async def test_a_text_consistent_with_its_date_is_not_flagged(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    text = "The council met on Monday and will meet again next month, in late March."
    body = (await client.post("/v1/sources", headers=editor, json={"text": text, "stated_date": "2031-03-01"})).json()
    assert body["flags"] == [] and body["date_evidence"] == []


async def test_binary_data_is_refused(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    binary = bytes(range(1, 32)).decode("ascii") * 20 + "%PDF-1.7 \ufffd\ufffd"
    body = problem_of(await client.post("/v1/sources", headers=editor, json={"text": binary}), 422)
    assert "binary" in body["detail"] and "UTF-8" in body["hint"]


async def test_white_space_alone_is_refused(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    problem_of(await client.post("/v1/sources", headers=editor, json={"text": " \n\t "}), 422)
