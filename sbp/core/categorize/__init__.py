"""Which category an expense belongs to, and why: the layered categorizer and its parts.

`Categorizer` (in `categorizer`) applies the layers; `clean` prepares descriptions for them;
`merchants` holds the knowledge base, `codes` the banks' codes, `ngrams` the person's model,
`rules` their own rules. The names most callers need are here.
"""

from sbp.core.categorize.categorizer import Categorizer, learn_key
from sbp.core.categorize.choice import Choice, Explanation, chosen_by_user
from sbp.core.categorize.clean import clean
from sbp.core.categorize.keyword_table import KeywordTable, default_keywords
from sbp.core.categorize.rules import compile_rule_regex
from sbp.core.categorize.text import category_name, normalise

__all__ = [
    "Categorizer",
    "Choice",
    "Explanation",
    "KeywordTable",
    "category_name",
    "chosen_by_user",
    "clean",
    "compile_rule_regex",
    "default_keywords",
    "learn_key",
    "normalise",
]
