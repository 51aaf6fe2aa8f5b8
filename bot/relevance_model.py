"""The relevance (abstention) model's parameters: a data file written by
scripts/calibrate_relevance.py (knowledge/models/relevance.yaml), read once."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from bot.errors import PlanBotError

MODEL_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "models" / "relevance.yaml"
FEATURES = ("dense_top", "word_coverage", "pair_coverage")


class RelevanceModel(BaseModel):
    """Logistic regression over the retrieval features, with how it was fitted."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    features: list[str]
    bias: float
    weights: list[float]
    fitted_on: str
    questions_in: int
    questions_out: int
    cv_accuracy: float

    @field_validator("features")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        if tuple(value) != FEATURES:
            raise ValueError(f"must be {list(FEATURES)}")
        return value

    def probability(self, x: tuple[float, ...]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=2)
def load_relevance_model(path: Path = MODEL_FILE) -> RelevanceModel:
    """The fitted parameters; a missing or invalid file is one error naming file and problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        model = RelevanceModel.model_validate(data)
    except (OSError, yaml.YAMLError) as exc:
        raise PlanBotError(f"{path}: cannot read the relevance model ({exc})") from exc
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise PlanBotError(f"{path}: {problems}") from exc
    if len(model.weights) != len(model.features):
        raise PlanBotError(f"{path}: weights: need one weight per feature")
    return model
