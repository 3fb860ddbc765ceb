"""Profile JSON import: any file imports or is refused with InputError, never half-written."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from smartpick_desktop.core.profile import Profile, read_profile_file, save_profile

from .conftest import FUZZ, TEXT, imports_or_refuses

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                    | TEXT, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(TEXT, inner, max_size=4), max_leaves=8)
KEYS = [*Profile().to_dict().keys(), "version", "extra", "unknown_key"]
VALID = {"version": 1, "name": "Alex", "applicant_type": "us_md",
         "specialty": "Internal Medicine", "home_state": "OH", "step2_ck": 248}


@FUZZ
@given(changes=st.dictionaries(st.sampled_from(KEYS), JSON, max_size=5),
       drop=st.lists(st.sampled_from(list(VALID)), max_size=3))
def test_mutated_profiles(fuzz_store, fuzz_dir, changes, drop):
    data = {k: v for k, v in {**VALID, **changes}.items() if k not in drop}
    path = fuzz_dir / "profile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    imports_or_refuses(fuzz_store, lambda s: save_profile(s, read_profile_file(path)))


@FUZZ
@given(raw=st.one_of(st.binary(max_size=300), JSON.map(lambda v: json.dumps(v).encode()),
                     st.just(b'{"version": 1'), st.just(b"\xef\xbb\xbf{}")))
def test_any_bytes(fuzz_store, fuzz_dir, raw):
    path = fuzz_dir / "raw.json"
    path.write_bytes(raw)
    imports_or_refuses(fuzz_store, lambda s: save_profile(s, read_profile_file(path)))
