"""NMEA 0183 AIVDM/AIVDO reader: tag blocks, multi-part messages, $PGHP and receiver timestamps, Class A, B and
type 27 positions, decoded by pyais. Every line that cannot become a message is counted with its reason."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import polars as pl
from pyais.messages import AISSentence, NMEASentenceFactory

from blueledger.fisheries.tracks.positions import POSITION_SCHEMA, REJECTED_SCHEMA, ReadResult

POSITION_TYPES = frozenset({1, 2, 3, 18, 19, 27})
NAME_TYPES = frozenset({5, 19, 24})

_RECEIVE_TIME = re.compile(r"^(\d{9,10}(?:\.\d+)?)\s+")
_SEGMENT = re.compile(r"(?:\\([^\\]*)\\)?([!$][A-Za-z-]{2}[A-Za-z]{2,3},[^\\]*)")
_CHECKSUM = re.compile(r"\*([0-9A-Fa-f]{2})")


@dataclass
class _Part:
    sentence: AISSentence
    line: int
    time: datetime | None


def _checksum_ok(body: str) -> bool:
    match = _CHECKSUM.search(body)
    if match is None:
        return False
    computed = 0
    for character in body[1 : match.start()]:
        computed ^= ord(character)
    return computed == int(match.group(1), 16)


def _unix(value: str) -> datetime | None:
    try:
        seconds = float(value)
    except ValueError:
        return None
    if seconds > 1e11:  # milliseconds (some feeds' c: field)
        seconds /= 1000
    if not 0 < seconds < 4e9:
        return None
    return datetime.fromtimestamp(seconds, UTC)


def _tag_fields(tag: str) -> dict[str, str]:
    body = tag.split("*", 1)[0]
    fields: dict[str, str] = {}
    for item in body.split(","):
        if ":" in item:
            key, value = item.split(":", 1)
            fields[key] = value
    return fields


def _pghp_time(body: str) -> datetime | None:
    fields = body.split("*", 1)[0].split(",")
    try:
        year, month, day, hour, minute, second, millis = (int(x) for x in fields[2:9])
        return datetime(year, month, day, hour, minute, second, millis * 1000, tzinfo=UTC)
    except (ValueError, IndexError):
        return None


def read_nmea(text: str, *, source: str) -> ReadResult:
    """Decode an NMEA text into positions; names from types 5, 19 and 24 go to `vessel_names`."""
    rows: list[tuple[Any, ...]] = []
    rejected: list[tuple[str, int, str, str]] = []
    names: dict[str, str] = {}
    pending: dict[tuple[Any, ...], list[_Part]] = {}
    gatehouse_time: datetime | None = None

    def reject(line: int, reason: str, detail: str) -> None:
        rejected.append((source, line, reason, detail[:200]))

    def emit(parts: list[_Part]) -> None:
        first = parts[0]
        try:
            sentence = first.sentence if len(parts) == 1 else AISSentence.assemble_from_iterable(
                [p.sentence for p in parts]
            )
            message = sentence.decode().asdict()
        except Exception as error:  # pyais raises many kinds for bad payloads; each is one rejected message
            reject(first.line, "undecodable", f"{type(error).__name__}: {error}")
            return
        kind = int(str(message.get("msg_type", 0)))
        mmsi = str(message.get("mmsi", "")).zfill(9)
        if kind in NAME_TYPES and message.get("shipname"):
            names[mmsi] = str(message["shipname"]).strip()
        if kind not in POSITION_TYPES:
            return
        lat, lon = message.get("lat"), message.get("lon")
        if lat is None or lon is None:
            reject(first.line, "undecodable", "no position")
            return
        speed = message.get("speed")
        course = message.get("course")
        rows.append(
            (mmsi, first.time, float(lat), float(lon), None if speed is None else float(speed),
             None if course is None else float(course), None, source, first.line)
        )

    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        receive_time: datetime | None = None
        match = _RECEIVE_TIME.match(line)
        if match:
            receive_time = _unix(match.group(1))
            line = line[match.end() :]
        segments = _SEGMENT.findall(line)
        if not segments:
            if "VDM" in line or "VDO" in line:
                reject(number, "malformed", line)
            continue
        for tag, body in segments:
            tags = _tag_fields(tag) if tag else {}
            if body.startswith("$"):
                if body[3:7].upper() == "PGHP" or body[1:5].upper() == "PGHP":
                    gatehouse_time = _pghp_time(body)
                continue
            if body[3:6].upper() not in ("VDM", "VDO"):
                continue
            if not _checksum_ok(body):
                reject(number, "checksum" if _CHECKSUM.search(body) else "malformed", body)
                continue
            checksum_end = _CHECKSUM.search(body)
            assert checksum_end is not None
            sentence_text, trailer = body[: checksum_end.end()], body[checksum_end.end() :]
            time = receive_time
            if time is None and "c" in tags:
                time = _unix(tags["c"])
            if time is None and trailer:
                last = trailer.rstrip(",").rsplit(",", 1)[-1]
                if last.isdigit():
                    time = _unix(last)
            if time is None and gatehouse_time is not None:
                time = gatehouse_time
            try:
                produced = NMEASentenceFactory.produce(sentence_text.encode("ascii"))
            except Exception as error:  # truncated or corrupted sentence
                reject(number, "malformed", f"{type(error).__name__}: {sentence_text}")
                continue
            if not isinstance(produced, AISSentence):
                continue
            part = _Part(produced, number, time)
            if produced.frag_cnt == 1:
                emit([part])
                continue
            group = tags.get("g")
            key: tuple[Any, ...]
            if group and group.count("-") == 2:
                key = ("g", group.split("-")[2])
            else:
                key = ("s", body[1:3], produced.seq_id, produced.channel, produced.frag_cnt)
            parts = pending.get(key)
            if produced.frag_num == 1 or parts is None:
                if parts:
                    reject(parts[0].line, "incomplete_multipart", str(parts[0].sentence.raw))
                parts = []
                pending[key] = parts
            if parts and produced.frag_num != len(parts) + 1:
                reject(parts[0].line, "incomplete_multipart", str(parts[0].sentence.raw))
                del pending[key]
                reject(number, "incomplete_multipart", sentence_text)
                continue
            if not parts and produced.frag_num != 1:
                del pending[key]
                reject(number, "incomplete_multipart", sentence_text)
                continue
            parts.append(part)
            if len(parts) == produced.frag_cnt:
                del pending[key]
                emit(parts)
    for parts in pending.values():
        reject(parts[0].line, "incomplete_multipart", str(parts[0].sentence.raw))

    return ReadResult(
        positions=pl.DataFrame(rows, schema=POSITION_SCHEMA, orient="row"),
        rejected=pl.DataFrame(rejected, schema=REJECTED_SCHEMA, orient="row"),
        vessel_names=names,
    )
