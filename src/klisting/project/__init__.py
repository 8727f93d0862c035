"""The project file ``klisting.yaml``: ``ProjectConfig``, ``load_project``, ``save_project``."""

from klisting.project.files import (
    PROJECT_FILE,
    find_project,
    load_project,
    project_to_dict,
    save_project,
)
from klisting.project.model import (
    Address,
    Brand,
    Party,
    ProjectConfig,
    SellerProfile,
    Shipping,
    ShippingMode,
)

__all__ = [
    "PROJECT_FILE",
    "Address",
    "Brand",
    "Party",
    "ProjectConfig",
    "SellerProfile",
    "Shipping",
    "ShippingMode",
    "find_project",
    "load_project",
    "project_to_dict",
    "save_project",
]
