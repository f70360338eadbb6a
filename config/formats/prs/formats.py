from config.formats.swiss import *  # noqa: F403
