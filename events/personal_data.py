"""What events hold about a member, for "download my data" and account deletion."""

SOURCES = []


def forget_member(user):
    pass
