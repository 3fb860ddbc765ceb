"""Reading self-reported outcomes: the format, strict checks, and the profile of each row."""

from __future__ import annotations

import pytest

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.model.chances import applicant_strength, comlex_to_step2
from smartpick_desktop.core.model.outcomes import read_outcomes

HEADER = ("id,specialty,season,applicant_type,graduation_year,step2_ck,comlex_level2,"
          "research_items,honors,visa,couples,applications,interviews,outcome\n")


def _write(tmp_path, body: str, header: str = HEADER):
    path = tmp_path / "outcomes.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_rows_are_read_with_their_types(tmp_path):
    path = _write(tmp_path, "A1,General Surgery,2024,us_md,2025,251,,3,aoa;gold_humanism,none,"
                            "no,60,12,matched\n"
                            "A2,IM,2024,non_us_img,2019,240,,1,,j1,yes,150,5,\n")
    a, b = read_outcomes(path)
    assert (a.id, a.specialty, a.step2_ck, a.honors) == ("A1", "General Surgery", 251,
                                                         ("aoa", "gold_humanism"))
    assert a.matched_categorical is True and a.reported_yield == pytest.approx(0.2)
    assert b.specialty == "Internal Medicine" and b.outcome is None and b.couples
    assert b.matched_categorical is None
    # years since graduation count from the season the applications went out, not today
    assert b.years_since_graduation == 5
    assert b.profile().years_since_graduation() == 5


@pytest.mark.parametrize(("body", "where"), [
    ("A1,General Surgery,2024,us_md,2025,abc,,0,,none,no,60,12,\n", "row 2, column 'step2_ck'"),
    ("A1,General Surgery,2024,us_xx,2025,250,,0,,none,no,60,12,\n",
     "row 2, column 'applicant_type'"),
    ("A1,General Surgery,2024,us_md,2025,250,,0,,none,no,60,70,\n", "row 2, column 'interviews'"),
    ("A1,General Surgery,2024,us_md,2025,250,,0,,none,no,60,12,won\n", "row 2, column 'outcome'"),
    ("A1,Astrology,2024,us_md,2025,250,,0,,none,no,60,12,\n", "row 2, column 'specialty'"),
    ("A1,General Surgery,2024,us_md,2025,250,,0,,none,no,60,12,\n"
     "A1,General Surgery,2024,us_md,2025,250,,0,,none,no,60,12,\n", "row 3, column 'id'"),
    ("A1,General Surgery,2024,us_md,2025,250,,0,,none,no,,12,\n", "row 2, column 'applications'"),
])
def test_a_bad_cell_is_refused_with_its_row_and_column(tmp_path, body, where):
    with pytest.raises(InputError) as err:
        read_outcomes(_write(tmp_path, body))
    assert where in str(err.value) and "outcomes.csv" in str(err.value)


def test_a_missing_column_or_a_non_utf8_file_is_refused(tmp_path):
    with pytest.raises(InputError, match="no column 'interviews'"):
        read_outcomes(_write(tmp_path, "A1,General Surgery,2024,us_md,60\n",
                             header="id,specialty,season,applicant_type,applications\n"))
    path = tmp_path / "latin.csv"
    path.write_bytes(HEADER.encode() + "A1,General Surgery,2024,us_md,2025,250,,0,,none,no,60,"
                     "12,\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_outcomes(path)
    with pytest.raises(InputError, match="no applicant rows"):
        read_outcomes(_write(tmp_path, ""))


def test_a_do_with_only_comlex_is_scored_from_comlex_not_the_specialty_mean(tmp_path):
    path = _write(tmp_path, "D1,General Surgery,2024,us_do,2025,,650,0,,none,no,80,10,\n"
                            "D2,General Surgery,2024,us_do,2025,,450,0,,none,no,80,10,\n"
                            "D3,General Surgery,2024,us_do,2025,,,0,,none,no,80,10,\n")
    high, low, none = (applicant_strength(r.profile()) for r in read_outcomes(path))
    assert high.step2 == comlex_to_step2(650) and high.step2_from_comlex == 650
    assert low.step2 == comlex_to_step2(450) < high.step2
    assert none.step2 is None and none.step2_from_comlex is None
