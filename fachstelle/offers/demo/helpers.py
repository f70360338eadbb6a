"""Small constructors that keep the demo data modules readable."""


def loc(name: str, street: str, postcode: str, bfs: int, hours: str = "", appointment: bool = False) -> dict:
    """One location of an offer; `bfs` is the official number of its municipality."""
    return {
        "name": name,
        "street": street,
        "postcode": postcode,
        "bfs": bfs,
        "opening_hours": hours,
        "by_appointment": appointment,
    }
