"""Discussion answers shared by the discuss and web tests."""

from kbs.safer_practice.answers import NO, YES

NO_RISK_SLEEP = {"night_place": "cot", "day_place": "cot", "shares": NO, "smoking": NO,
                 "alcohol": NO, "drugs_or_medication": NO, "preterm": NO,
                 "low_birth_weight": NO, "on_back": YES, "overheating": NO, "routine": NO,
                 "family_plan": ""}
