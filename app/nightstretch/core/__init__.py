"""Plain-Python rules of the product. No Qt here: everything is testable with a fake clock."""
