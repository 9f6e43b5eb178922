"""A demo module for the tests of DEMO_MODULES: it says which home page it was given."""


def load(log, context):
    log(f"The test demo module was given the home page \u201c{context['home'].title}\u201d.")
    return {"test_demo_module": True}
