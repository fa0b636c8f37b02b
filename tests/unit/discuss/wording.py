"""Words the assistant must never use: reassurance about a baby's safety."""

import re

REASSURANCE = re.compile(r"\b(is|are|looks|seems|sounds) (safe|fine|ok|okay)\b|nothing to worry|"
                         r"don't worry|no need to worry|probably accidental|reassur", re.I)
