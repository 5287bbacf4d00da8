"""/api/import: load files in the generic import format (all or nothing)."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields
from werkzeug.datastructures import FileStorage

from web import state
from web.api import access
from web.api.parsing import Blueprint
from web.api.schemas import Rounded
from web.services import imports

bp = Blueprint("imports", __name__, url_prefix="/api/import",
               description="Import organisations, pps'en and memberships (generic format).")


class CsvFile(fields.Field):
    """An uploaded CSV file; loads as its bytes."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, FileStorage):
            raise ValidationError("must be an uploaded file")
        return value.read()


def _csv(description: str, **kwargs) -> CsvFile:
    return CsvFile(metadata={"type": "string", "format": "binary", "description": description},
                   **kwargs)


class ImportFilesSchema(Schema):
    """The files of the generic format (UTF-8 CSV with a header row)."""

    organisations = _csv("organisations.csv: id,name,kind,description,themes,province,"
                         "gemeente,size_class,synthetic", required=True)
    coalitions = _csv("coalitions.csv: id,name,mission,province,themes,start_year,type")
    memberships = _csv("memberships.csv: coalition_id,organisation_id,role")


class ImportReportSchema(Schema):
    """What was written: nodes per label and relationships per type."""

    nodes = fields.Dict(keys=fields.String(), values=fields.Integer())
    relationships = fields.Dict(keys=fields.String(), values=fields.Integer())
    batches = fields.Integer()
    seconds = Rounded(3)


@bp.route("", methods=["POST"])
@access.requires(bp, "editor")
@access.body_of_type(bp, "multipart/form-data")
@bp.arguments(ImportFilesSchema, location="files")
@bp.response(200, ImportReportSchema)
def import_files(files):
    """Validate every file completely, then load them; any problem writes nothing (422)."""
    named = {f"{field}.csv": data for field, data in files.items()}
    report = imports.import_generic(state.current_store(), named)
    state.note_write()
    return report
