"""One reading of modality for extraction, questions and claims: a table of sentences, each cue and its traps."""

from __future__ import annotations

import pytest

from reasoning.modality import modality_of_clause, modality_of_figure
from reasoning.types import Modality

ACTUAL, PLEDGED, PLANNED, GOAL = Modality.actual, Modality.pledged, Modality.planned, Modality.goal

# The figure is in [brackets].
FIGURES = [
    ("Kenya will deploy an additional [600] police officers next month, President Ruto announced.", PLEDGED),
    ("Kenya to Send Additional [600] Police Officers to Haiti", PLEDGED),
    ("He noted that the [600] officers were undergoing training and would be ready next month.", PLANNED),
    ("This latest move brings Kenya’s total commitment to around [1,000] officers.", PLEDGED),
    ("The MSS mission has garnered pledges from [10] countries, collectively promising over 3,100 troops.", PLEDGED),
    ("The MSS mission has garnered pledges from 10 countries, collectively promising over [3,100] troops.", PLEDGED),
    ("Kenya has announced plans to deploy [600] more police officers to Haiti in the coming weeks.", PLANNED),
    ("He reaffirmed the commitment, promising to send an additional [600] officers who will be ready soon.", PLEDGED),
    ("Other countries have pledged soldiers, with the goal of reaching a total of [2,500] personnel.", GOAL),
    ("President William Ruto has pledged to deploy [1,000] troops as part of the MSS force.", PLEDGED),
    ("Some [10] countries - including Guatemala and Belize - have together pledged over 3,100 troops.", PLEDGED),
    ("At least 10 countries have pledged a total of around [2,900] troops to the mission.", PLEDGED),
    (
        "The campaign began with [1,200] of the 3,000 vaccinators it needs, well short of the 5,000 it had hoped for.",
        ACTUAL,
    ),
    (
        "The campaign began with 1,200 of the [3,000] vaccinators it needs, well short of the 5,000 it had hoped for.",
        GOAL,
    ),
    (
        "The campaign began with 1,200 of the 3,000 vaccinators it needs, well short of the [5,000] it had hoped for.",
        GOAL,
    ),
    ("The city set a target of [2,000] buses.", GOAL),
    ("Vaccinators reached 1.05 million children, against the [2.4 million] goal.", GOAL),
    ("The hospital has 1,200 of the [3,000] beds needed.", GOAL),
    ("Estmark pledged [200] doses, which arrived on Monday.", PLEDGED),
    ("The [200] doses that Estmark pledged arrived on Monday.", PLEDGED),
    ("Labour Forward said it would bring [two] cases of its own on Monday.", PLANNED),
    ("Korvander will have closed [two] of the five plants it ran in March last year.", PLANNED),
    ("Gearbox maker Korvander AG said on Tuesday it would cut [1,200] jobs.", PLANNED),
    ("A second shipment of [500,000] doses, donated by Estmark, is expected on Friday.", PLANNED),
    ("The campaign would need [3,000] vaccinators.", GOAL),
    ("The agency is expected to receive [60] new buses.", PLANNED),
    ("Ridership is projected at [3 million] trips.", PLANNED),
    ("The agency forecasts [3 million] trips.", PLANNED),
    ("Metro Transit expects the fleet to reach [1,500] buses.", PLANNED),
    ("Springfield aims to run [1,500] buses by 2030.", GOAL),
    ("The city will replace the [150] buses it bought last year.", ACTUAL),
    ("Metro Transit bought [200] buses in 2019.", ACTUAL),
    ("The army is set to deploy [400] soldiers.", PLANNED),
    ("Parliament authorized [600] more officers.", PLANNED),
    ("The agency was approved to hire [300] drivers.", PLANNED),
    ("The Global Immunisation Fund has approved a [$20 million] grant.", ACTUAL),
    ("There are no plans to cut [500] jobs at Dornwald.", PLANNED),
    ("Kenya did not pledge [200] more officers.", PLEDGED),
    ("Kenya will not send [600] officers.", PLEDGED),
    ("[600] officers will be deployed next month.", PLANNED),
    ("Kenya is going to send [600] officers.", PLEDGED),
    ("The agency set a record of [4 million] trips.", ACTUAL),
    ("Metro Transit has pledged 1,000 buses and has now delivered [600] of them.", ACTUAL),
    ("Metro Transit will buy 50 buses and hire [100] drivers.", PLEDGED),
    ("Metro Transit bought 50 buses and hired [100] drivers.", ACTUAL),
    ("The country hopes for [2 million] visitors.", GOAL),
    ("The district is still working with [150] of the 240 vaccinators it says it needs.", ACTUAL),
    ("The district is still working with 150 of the [240] vaccinators it says it needs.", GOAL),
    # The object of a stated act is what was done; the relative clause only says which ones.
    ("By April the ministry had hired all [3,000] vaccinators it needed.", ACTUAL),
    ("The district wants the [240] vaccinators it needs.", GOAL),
    ("Korvander has said it aims to cut [3,000] jobs in total by the end of next year.", GOAL),
    ("Enhanced Security: Kenya to Send Additional [600] Police Officers to Haiti", PLEDGED),
    ("The goal is to reach a fleet of [1,500] buses in Springfield by 2030.", GOAL),
    ("It is important for Kenya to send [600] officers.", ACTUAL),
    ("Springfield to Buy [50] Electric Buses", PLEDGED),
    ("In her first speech to the [45]-member council, Ms Tamsin promised to publish the budget.", ACTUAL),
    ("Of the [1,100] jobs, 980 will go with the closure of Dornwald.", ACTUAL),
    ("Korvander will have closed two of the [five] plants it ran in March last year.", ACTUAL),
    ("The court would begin hearing 11 cases, starting with the [three] the Civic Union filed last Monday.", ACTUAL),
    ("That would come on top of the [2,100] job cuts the company has announced since March.", ACTUAL),
    ("The fund has approved a $20 million grant to vaccinate [1.5 million] children.", GOAL),
    ("The service had asked for enough crews to bring the total to [2,000].", GOAL),
    ("The city will buy 40 buses to replace the [150] it bought in 2019.", ACTUAL),
    ("Estmark pledged [200] doses, most of which arrived on Monday.", PLEDGED),
    ("The Sellmerode plant will stop production by the end of June, leaving Korvander with [four] plants.", PLANNED),
    ("Kenya will send 600 more officers, bringing its contingent to [1,000].", PLANNED),
    ("Kenya will send [600] more officers, bringing its contingent to 1,000.", PLEDGED),
    ("Norland offered to send [200] sandbags to Ashby.", PLEDGED),  # an offer is promised, not done
    ("Norland made an offer of [200] sandbags.", PLEDGED),
]

# A question or claim is read for its main clause: a cue in a clause it only reports does not count.
CLAUSES = [
    ("Kenya has deployed 1,000 police officers to Haiti.", ACTUAL),
    ("How many officers has Kenya pledged?", PLEDGED),
    ("How many buses has Riverton promised?", PLEDGED),
    ("How many officers will Kenya deploy?", PLEDGED),
    ("How many officers does Kenya plan to deploy?", PLANNED),
    ("How many jobs had Korvander announced it would cut as of 30 September 2030?", ACTUAL),
    ("What was the combined pledge of the Fund and Estmark to the campaign?", PLEDGED),
    ("What is the campaign's target?", GOAL),
    ("By 24 March the campaign had vaccinated 1.05 million children, 44 percent of its 2.4 million target.", ACTUAL),
    ("How many vaccinators did the campaign need?", GOAL),
    ("What was Kenya's pledged total?", PLEDGED),
    ("More than 5,000 people were killed in Haiti in 2024.", ACTUAL),
    ("Over a million Haitians have been displaced.", ACTUAL),
    ("Kenya said it would deploy 600 officers.", ACTUAL),
    (
        "How much money had Estmark, Veland and Corvena together pledged to the campaign as of 9 April 2030?",
        PLEDGED,
    ),
    ("How many measles vaccine doses had Estmark, Veland and Corvena pledged in total as of 9 April 2030?", PLEDGED),
    ("In November 2030 Korvander denied that it planned to cut jobs at its Dornwald plant.", PLANNED),
    ("Kenya denied that it had sent 1,000 officers.", ACTUAL),
    ("How many officers had arrived in Haiti by 20 January 2025?", ACTUAL),
    ("Did Norland offer to send sandbags to Ashby in May 2030?", PLEDGED),
    ("Did Korvander announce any job cuts at its Dornwald plant in 2030?", ACTUAL),
]


def unmark(marked: str) -> tuple[str, int, int]:
    start, end = marked.index("["), marked.index("]") - 1
    return marked.replace("[", "").replace("]", ""), start, end


@pytest.mark.parametrize(("marked", "modality"), FIGURES)
def test_a_figure_takes_the_modality_of_the_words_that_govern_it(marked: str, modality: Modality) -> None:
    assert modality_of_figure(*unmark(marked)).modality == modality


@pytest.mark.parametrize(("text", "modality"), CLAUSES)
def test_a_question_or_claim_takes_the_modality_of_its_main_clause(text: str, modality: Modality) -> None:
    assert modality_of_clause(text) == modality


@pytest.mark.parametrize(
    ("marked", "future_only"),
    [
        ("Kenya will deploy [600] officers.", True),
        ("Kenya to Send [600] Officers", True),
        ("The agency said it would hire [300] drivers.", True),
        ("Kenya has pledged [1,000] officers.", False),
        ("Kenya plans to send [600] officers.", False),
    ],
)
def test_only_a_future_auxiliary_is_marked_as_one_the_caller_may_overrule(marked: str, future_only: bool) -> None:
    assert modality_of_figure(*unmark(marked)).future_only is future_only
