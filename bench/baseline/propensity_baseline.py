"""Baselines for the forward propensity benchmark (bench/README.md, "Forward test").

Reads profiles as JSON Lines (id, attributes, events with ISO timestamps; nothing after --now),
builds hand-made point-in-time features, trains a logistic regression and LightGBM for churn
(no event in the window) and conversion (a purchase in the window) on earlier cutoffs, and writes
each model's probability at --now for every profile, as JSON.
"""

import argparse
import json
import time
from datetime import datetime, timezone

import lightgbm as lgb
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

DAY_MS = 86_400_000
WINDOWS_DAYS = (7, 30, 90)
# Every feature reads at most 90 days back, so the oldest training cutoff still sees it whole.
LOOKBACK_DAYS = 90
TOP_CATEGORIES = 10
VALIDATION_SHARE = 0.2
SEED = 7
LIGHTGBM_PARAMS = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_child_samples": 50,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "metric": "binary_logloss",
    "num_threads": 2,
    "seed": SEED,
    "verbose": -1,
}
MAX_TREES = 2000
EARLY_STOPPING_ROUNDS = 50


def epoch_ms(text):
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def read_profiles(path):
    """Each profile's id, attributes and events as sorted arrays: times (ms), types, revenue."""
    profiles = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            raw = json.loads(line)
            events = sorted(raw["events"], key=lambda e: e["timestamp"])
            revenue = [(e.get("properties") or {}).get("revenue") for e in events]
            profiles.append(
                {
                    "id": raw["id"],
                    "attributes": raw.get("attributes") or {},
                    "times": np.array([epoch_ms(e["timestamp"]) for e in events], dtype=np.int64),
                    "types": np.array([e["type"] for e in events], dtype=object),
                    "revenue": np.array(
                        [r if isinstance(r, (int, float)) else 0.0 for r in revenue], dtype=float
                    ),
                }
            )
    return profiles


def training_cutoffs(profiles, now_ms, window_ms):
    """now - k·window for k >= 1 whose lookback lies inside the data: labels end by now."""
    history_start = min(int(p["times"][0]) for p in profiles if len(p["times"]) > 0)
    cutoffs = []
    cutoff = now_ms - window_ms
    while cutoff - LOOKBACK_DAYS * DAY_MS >= history_start:
        cutoffs.append(cutoff)
        cutoff -= window_ms
    return cutoffs


def count_between(times, start, end):
    """Events in (start, end], for arrays of starts and ends."""
    return np.searchsorted(times, end, side="right") - np.searchsorted(times, start, side="right")


def behaviour_features(profile, event_types, cutoffs):
    """Counts per type and in total over 7/30/90 days, recencies, revenue and active days."""
    times, types = profile["times"], profile["types"]
    columns = []
    for days in WINDOWS_DAYS:
        starts = cutoffs - days * DAY_MS
        columns.append(np.log1p(count_between(times, starts, cutoffs)))
        for event_type in event_types:
            columns.append(np.log1p(count_between(times[types == event_type], starts, cutoffs)))
    columns.append(days_since_last(times, cutoffs))
    columns.append(days_since_last(times[types == "purchase"], cutoffs))
    columns.append(np.log1p([revenue_between(profile, c - 90 * DAY_MS, c) for c in cutoffs]))
    for days in (30, 90):
        columns.append(np.array([active_days(times, c - days * DAY_MS, c) for c in cutoffs], dtype=float))
    return np.column_stack(columns)


def behaviour_names(event_types):
    names = []
    for days in WINDOWS_DAYS:
        names.append(f"events.{days}d")
        names.extend(f"{t}.{days}d" for t in event_types)
    return names + [
        "daysSinceLastEvent",
        "daysSinceLastPurchase",
        "revenue.90d",
        "activeDays.30d",
        "activeDays.90d",
    ]


def days_since_last(times, cutoffs):
    """Days from the last event at or before each cutoff, capped at the lookback (also with none)."""
    last = np.searchsorted(times, cutoffs, side="right") - 1
    days = np.full(len(cutoffs), float(LOOKBACK_DAYS))
    seen = last >= 0
    days[seen] = (cutoffs[seen] - times[last[seen]]) / DAY_MS
    return np.minimum(days, LOOKBACK_DAYS)


def revenue_between(profile, start, end):
    times = profile["times"]
    inside = (times > start) & (times <= end) & (profile["types"] == "purchase")
    return float(profile["revenue"][inside].sum())


def active_days(times, start, end):
    inside = times[(times > start) & (times <= end)]
    return len(np.unique(inside // DAY_MS))


def attribute_value(attributes, path):
    value = attributes
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def instant_ms(value):
    if not isinstance(value, str) or len(value) < 10 or value[4] != "-" or value[7] != "-":
        return None
    try:
        return epoch_ms(value if len(value) > 10 else value + "T00:00:00Z")
    except ValueError:
        return None


def attribute_encodings(profiles, paths):
    """How each attribute becomes columns, chosen from its values: number, yes/no, instant, list, category."""
    encodings = []
    for path in paths:
        present = [v for v in (attribute_value(p["attributes"], path) for p in profiles) if v is not None]
        if present and all(isinstance(v, bool) for v in present):
            encodings.append({"path": path, "kind": "boolean"})
        elif present and all(isinstance(v, (int, float)) for v in present):
            encodings.append({"path": path, "kind": "number", "mean": float(np.mean(present))})
        elif present and all(instant_ms(v) is not None for v in present):
            mean = float(np.mean([instant_ms(v) for v in present]))
            encodings.append({"path": path, "kind": "instant", "mean": mean})
        elif present and all(isinstance(v, list) for v in present):
            values = sorted({str(item) for v in present for item in v})
            encodings.append({"path": path, "kind": "list", "values": values})
        else:
            counts = {}
            for v in present:
                counts[str(v)] = counts.get(str(v), 0) + 1
            top = sorted(counts, key=lambda k: -counts[k])[:TOP_CATEGORIES]
            encodings.append({"path": path, "kind": "category", "values": top})
    return encodings


def attribute_names(encodings):
    names = []
    for e in encodings:
        if e["kind"] in ("number", "instant"):
            names += [e["path"], f"{e['path']} missing"]
        elif e["kind"] == "boolean":
            names.append(e["path"])
        else:
            names += [f"{e['path']}={v}" for v in e["values"]]
    return names


def attribute_features(attributes, encodings, cutoffs):
    """One row per cutoff (instants are days before the cutoff; a missing number takes the mean)."""
    columns = []
    for e in encodings:
        value = attribute_value(attributes, e["path"])
        if e["kind"] == "boolean":
            columns.append(np.full(len(cutoffs), 1.0 if value is True else 0.0))
        elif e["kind"] == "number":
            missing = not isinstance(value, (int, float)) or isinstance(value, bool)
            columns.append(np.full(len(cutoffs), e["mean"] if missing else float(value)))
            columns.append(np.full(len(cutoffs), 1.0 if missing else 0.0))
        elif e["kind"] == "instant":
            at = instant_ms(value)
            columns.append((cutoffs - (e["mean"] if at is None else at)) / DAY_MS)
            columns.append(np.full(len(cutoffs), 1.0 if at is None else 0.0))
        elif e["kind"] == "list":
            items = {str(v) for v in value} if isinstance(value, list) else set()
            columns += [np.full(len(cutoffs), 1.0 if v in items else 0.0) for v in e["values"]]
        else:
            columns += [np.full(len(cutoffs), 1.0 if str(value) == v else 0.0) for v in e["values"]]
    return np.column_stack(columns) if columns else np.empty((len(cutoffs), 0))


def labels(profile, cutoffs, window_ms):
    """Churn: no event at all in (c, c + window]; conversion: a purchase in it."""
    times = profile["times"]
    churned = count_between(times, cutoffs, cutoffs + window_ms) == 0
    purchases = times[profile["types"] == "purchase"]
    converted = count_between(purchases, cutoffs, cutoffs + window_ms) > 0
    return churned.astype(int), converted.astype(int)


def feature_rows(profile, event_types, encodings, cutoffs):
    behaviour = behaviour_features(profile, event_types, cutoffs)
    return np.hstack([behaviour, attribute_features(profile["attributes"], encodings, cutoffs)])


def training_examples(profiles, event_types, encodings, cutoffs, window_ms):
    """A row per profile and cutoff at which the profile had an event (it existed), with its labels."""
    rows, churn, conversion, groups = [], [], [], []
    cutoffs = np.array(cutoffs, dtype=np.int64)
    for index, profile in enumerate(profiles):
        existed = cutoffs[np.searchsorted(profile["times"], cutoffs, side="right") > 0]
        if len(existed) == 0:
            continue
        rows.append(feature_rows(profile, event_types, encodings, existed))
        churned, converted = labels(profile, existed, window_ms)
        churn.append(churned)
        conversion.append(converted)
        groups.append(np.full(len(existed), index))
    y = {"churn": np.concatenate(churn), "conversion": np.concatenate(conversion)}
    return np.vstack(rows), y, np.concatenate(groups)


def validation_mask(groups, profiles_count):
    """A fifth of the profiles, all their cutoffs together, for LightGBM's early stopping."""
    chosen = np.random.default_rng(SEED).random(profiles_count) < VALIDATION_SHARE
    return chosen[groups]


def fit_logistic(x, y):
    model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
    model.fit(x, y)
    return model


def fit_lightgbm(x, y, validation):
    train_set = lgb.Dataset(x[~validation], y[~validation])
    validation_set = lgb.Dataset(x[validation], y[validation], reference=train_set)
    return lgb.train(
        LIGHTGBM_PARAMS,
        train_set,
        num_boost_round=MAX_TREES,
        valid_sets=[validation_set],
        callbacks=[lgb.early_stopping(EARLY_STOPPING_ROUNDS, verbose=False)],
    )


def timed(fit, *args):
    started = time.perf_counter()
    model = fit(*args)
    return model, round(time.perf_counter() - started, 2)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profiles", required=True, help="JSON Lines, no event after --now")
    parser.add_argument("--now", required=True, help="ISO instant: the scoring cutoff")
    parser.add_argument("--window-days", type=int, default=30)
    parser.add_argument("--attributes", default="", help="comma-separated attribute paths")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    now_ms = epoch_ms(args.now)
    window_ms = args.window_days * DAY_MS
    started = time.perf_counter()
    profiles = read_profiles(args.profiles)
    if any(len(p["times"]) > 0 and p["times"][-1] > now_ms for p in profiles):
        raise SystemExit(f"{args.profiles} has events after --now {args.now}: the future must not be seen")
    event_types = sorted({t for p in profiles for t in p["types"]})
    encodings = attribute_encodings(profiles, [a for a in args.attributes.split(",") if a])
    cutoffs = training_cutoffs(profiles, now_ms, window_ms)
    x, y, groups = training_examples(profiles, event_types, encodings, cutoffs, window_ms)
    validation = validation_mask(groups, len(profiles))
    at_now = np.array([now_ms], dtype=np.int64)
    scoring = np.vstack([feature_rows(p, event_types, encodings, at_now) for p in profiles])
    feature_seconds = round(time.perf_counter() - started, 2)

    result = {
        "ids": [p["id"] for p in profiles],
        "features": behaviour_names(event_types) + attribute_names(encodings),
        "trainingCutoffs": [datetime.fromtimestamp(c / 1000, timezone.utc).date().isoformat() for c in cutoffs],
        "examples": int(len(x)),
        "featureSeconds": feature_seconds,
        "lightgbm": lgb.__version__,
    }
    for target in ("churn", "conversion"):
        logistic, logistic_seconds = timed(fit_logistic, x, y[target])
        booster, lightgbm_seconds = timed(fit_lightgbm, x, y[target], validation)
        result[target] = {
            "positiveRate": round(float(y[target].mean()), 4),
            "logistic": {
                "seconds": logistic_seconds,
                "probabilities": logistic.predict_proba(scoring)[:, 1].round(6).tolist(),
            },
            "lightgbm": {
                "seconds": lightgbm_seconds,
                "trees": booster.best_iteration,
                "probabilities": booster.predict(scoring, num_iteration=booster.best_iteration)
                .round(6)
                .tolist(),
            },
        }
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(result, out)


if __name__ == "__main__":
    main()
