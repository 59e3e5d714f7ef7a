#!/usr/bin/python3
"""What a screen reader sees of a running Vigil app, through the AT-SPI bus (pyatspi, the
library Orca itself uses), and the actions a screen-reader user takes. Used by
tst_screen_reader_tree.cpp and the end-to-end tests of binaries (pc_desktop.h), one command per
run:

    atspi_probe.py tree             the kiosk's accessible tree, depth first (reading order),
                                    as JSON: role, name, description, states, depth
    atspi_probe.py press NAME...    performs the first action of the showing node named NAME
                                    (NAME may hold * for any text); several NAMEs are pressed
                                    in turn, each looked up afresh
    atspi_probe.py focus NAME       gives the showing node named NAME the keyboard focus
    atspi_probe.py focus-role ROLE N  gives the focus to the N-th (from 0) showing node of ROLE
    atspi_probe.py type TEXT        types TEXT as keystrokes (the AT-SPI registry's XTest)
    atspi_probe.py key KEYSYM       presses and releases one key by X keysym name (Return, F2)

The app is the application named vigil-kiosk on the bus, or ATSPI_PROBE_APP (vigil-console);
with ATSPI_PROBE_PID set, only the one whose process has that id (a kiosk started again after a
kill, while the registry may still list the one that died).

Exit status 0 on success; 1 with a line on stderr when the app or the node is not found.
"""
import fnmatch
import json
import os
import sys
import time

import pyatspi

APP_NAME = os.environ.get("ATSPI_PROBE_APP", "vigil-kiosk")


def is_the_app(app):
    if app is None or app.name != APP_NAME:
        return False
    wanted = os.environ.get("ATSPI_PROBE_PID")
    try:
        return not wanted or app.get_process_id() == int(wanted)
    except Exception:  # the application went away meanwhile
        return False


def find_app(timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if is_the_app(app):
                return app
        time.sleep(0.2)
    sys.exit("atspi_probe: no application named %s on the accessibility bus" % APP_NAME)


def states_of(node):
    state_set = node.getState()
    return sorted(pyatspi.stateToString(s) for s in state_set.getStates())


def walk(node, depth, out):
    try:
        entry = {
            "role": node.getRoleName(),
            "name": node.name or "",
            "description": node.description or "",
            "states": states_of(node),
            "depth": depth,
        }
        if entry["role"] in ("password text", "text", "entry"):
            try:
                text = node.queryText()
                entry["textLength"] = text.characterCount
            except NotImplementedError:
                pass
        out.append(entry)
        count = node.childCount
    except Exception as error:  # a node gone while walking: the screen changed
        sys.exit("atspi_probe: node vanished while reading the tree: %s" % error)
    for i in range(count):
        child = node.getChildAtIndex(i)
        if child is not None:
            walk(child, depth + 1, out)


def matches(actual, wanted):
    """A name, or a pattern with * standing for any text."""
    return fnmatch.fnmatchcase(actual, wanted) if "*" in wanted else actual == wanted


def find_showing(app, name):
    found = []

    def visit(node):
        if found:
            return
        if matches(node.name or "", name) and node.getState().contains(pyatspi.STATE_SHOWING):
            found.append(node)
            return
        for i in range(node.childCount):
            child = node.getChildAtIndex(i)
            if child is not None:
                visit(child)

    deadline = time.monotonic() + 10.0
    while time.monotonic() < deadline:
        visit(app)
        if found:
            return found[0]
        time.sleep(0.2)
    sys.exit("atspi_probe: no showing node named %r" % name)


def find_showing_role(app, role, index):
    """The index-th showing node of a role, in reading order (fields a label names only by its
    place beside them)."""
    found = []

    def visit(node):
        if node.getRoleName() == role and node.getState().contains(pyatspi.STATE_SHOWING):
            found.append(node)
        for i in range(node.childCount):
            child = node.getChildAtIndex(i)
            if child is not None:
                visit(child)

    visit(app)
    if index >= len(found):
        sys.exit("atspi_probe: no showing %s number %d" % (role, index))
    return found[index]


def press(node, name):
    action = node.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    if not names:
        sys.exit("atspi_probe: %r has no action" % name)
    index = names.index("Press") if "Press" in names else 0
    if not action.doAction(index):
        sys.exit("atspi_probe: %r refused %s" % (name, names[index]))


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    command = argv[1]
    app = find_app()
    if command == "tree":
        out = []
        walk(app, 0, out)
        json.dump(out, sys.stdout)
    elif command == "press":
        for name in argv[2:]:
            press(find_showing(app, name), name)
    elif command == "focus":
        node = find_showing(app, argv[2])
        if not node.queryComponent().grabFocus():
            sys.exit("atspi_probe: %r did not take the focus" % argv[2])
    elif command == "focus-role":
        node = find_showing_role(app, argv[2], int(argv[3]))
        if not node.queryComponent().grabFocus():
            sys.exit("atspi_probe: %s %s did not take the focus" % (argv[2], argv[3]))
    elif command == "type":
        pyatspi.Registry.generateKeyboardEvent(0, argv[2], pyatspi.KEY_STRING)
    elif command == "key":
        pyatspi.Registry.generateKeyboardEvent(keysym_of(argv[2]), None, pyatspi.KEY_SYM)
    else:
        sys.exit("atspi_probe: unknown command %s" % command)
    return 0


# X keysyms of the keys the test presses (no Gdk import: the test needs no GTK).
KEYSYMS = {"Return": 0xFF0D, "Tab": 0xFF09, "F2": 0xFFBF, "F3": 0xFFC0, "F4": 0xFFC1,
           "F9": 0xFFC6, "space": 0x20}


def keysym_of(name):
    if name not in KEYSYMS:
        sys.exit("atspi_probe: unknown key %s" % name)
    return KEYSYMS[name]


if __name__ == "__main__":
    sys.exit(main(sys.argv))
