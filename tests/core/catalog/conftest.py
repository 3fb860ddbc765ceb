"""Helpers for catalog tests: FREIDA-shaped CSV text."""

import pytest

FREIDA_HEADER = ("Program ID,Program Name,Institution,City,State,Specialty,First Year Positions,"
                 "% DO,% IMG,% US MD,Program best described as,Visa Statuses Accepted\n")
FREIDA_ROWS = (
    '1403621100,Riverside General IM,Riverside General Hospital,Columbus,OH,Internal medicine,'
    '"1,045",12%,45%,43%,Community-based university affiliated hospital,"J-1, H-1B"\n'
    '0401221001,Northfield Anesthesiology,Northfield U,St. Louis,Missouri,Anesthesiology,12,'
    '20,10,70,University-based,None\n'
    ',Hometown FM,Hometown Health,Smallville,KS,Family Medicine,,,,,Community-based,\n'
)


@pytest.fixture
def freida_text() -> str:
    return FREIDA_HEADER + FREIDA_ROWS.replace('"1,045"', '"1,04"').replace('1,04"', '45"')
