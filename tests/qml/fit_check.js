.pragma library

// Walks a screen's item tree and lists every way it fails a candidate at a large text size:
// a control or text out of the window and not inside something that scrolls to it, text
// elided or spilling out of its box, a control or text drawn over another.
// problems(window, root) returns human-readable lines; an empty list means the screen fits.

const kTolerance = 1 // pixels: sub-pixel rounding of layouts is not a defect
// Text's enum values: QML types are not in scope of a library script.
const kNoWrap = 0 // Text.NoWrap
const kElideNone = 3 // Text.ElideNone

function isFlickable(item) {
    return item.contentY !== undefined && item.contentItem !== undefined
            && item.flicking !== undefined
}

// A Controls control a candidate can operate: focusable, or a button (on-screen keys take no
// focus so the field being typed into keeps it).
function isControl(item) {
    return item.focusPolicy !== undefined
            && (item.focusPolicy !== Qt.NoFocus || item.clicked !== undefined)
}

function isText(item) {
    return item.truncated !== undefined && item.text !== undefined && item.lineCount !== undefined
}

function describe(item) {
    let name = item.objectName
    if (!name && item.Accessible && item.Accessible.name)
        name = "\"" + item.Accessible.name + "\""
    if (!name && item.text !== undefined)
        name = "\"" + String(item.text).replace(/<[^>]*>/g, "").slice(0, 40) + "\""
    for (let p = item.parent; !name && p; p = p.parent) {
        if (p.objectName)
            name = String(item).replace(/[_(].*/, "") + " in " + p.objectName
    }
    return name || String(item)
}

function rectIn(item, target) {
    const p = item.mapToItem(target, 0, 0)
    return { x: p.x, y: p.y, w: item.width, h: item.height }
}

function intersect(a, b) {
    const x = Math.max(a.x, b.x), y = Math.max(a.y, b.y)
    const r = Math.min(a.x + a.w, b.x + b.w), bottom = Math.min(a.y + a.h, b.y + b.h)
    return { x: x, y: y, w: Math.max(0, r - x), h: Math.max(0, bottom - y) }
}

function inside(inner, outer) {
    return inner.x >= outer.x - kTolerance && inner.y >= outer.y - kTolerance
            && inner.x + inner.w <= outer.x + outer.w + kTolerance
            && inner.y + inner.h <= outer.y + outer.h + kTolerance
}

function format(r) {
    return "(" + Math.round(r.x) + "," + Math.round(r.y) + " " + Math.round(r.w) + "x"
            + Math.round(r.h) + ")"
}

function isAncestor(a, b) {
    for (let p = b.parent; p; p = p.parent) {
        if (p === a)
            return true
    }
    return false
}

// Where `item` can be seen: its window rectangle cut by every clipping ancestor, or null when
// it cannot be brought into view. A Flickable's content counts as reachable anywhere within its
// scrollable extent; the Flickable itself must then be in view.
function reachability(item, window, problems) {
    let visible = rectIn(item, window)
    for (let p = item.parent; p && p !== window; p = p.parent) {
        if (isFlickable(p)) {
            const local = rectIn(item, p.contentItem)
            const extent = { x: 0, y: 0, w: Math.max(p.contentWidth, p.width),
                             h: Math.max(p.contentHeight, p.height) }
            if (!inside(local, extent)) {
                problems.push(describe(item) + " lies outside what " + describe(p) + " can scroll to: "
                              + format(local) + " in " + format(extent))
                return null
            }
            if (!p.interactive && (p.contentHeight > p.height + kTolerance
                                   || p.contentWidth > p.width + kTolerance)) {
                problems.push(describe(p) + " cannot be scrolled")
                return null
            }
            // Scrolled into view the item shows in the Flickable's viewport; go on with that.
            const viewport = rectIn(p, window)
            visible = { x: viewport.x, y: viewport.y, w: Math.min(item.width, p.width),
                        h: Math.min(item.height, p.height) }
            item = p
        } else if (p.clip) {
            const clipRect = rectIn(p, window)
            if (!inside(visible, clipRect)) {
                problems.push(describe(item) + " is clipped by " + describe(p) + ": " + format(visible)
                              + " in " + format(clipRect))
                return null
            }
        }
    }
    const screen = { x: 0, y: 0, w: window.width, h: window.height }
    if (!inside(visible, screen)) {
        problems.push(describe(item) + " is outside the " + window.width + "x" + window.height
                      + " window: " + format(visible))
        return null
    }
    return visible
}

function nearestFlickable(item) {
    for (let p = item.parent; p; p = p.parent) {
        if (isFlickable(p))
            return p
    }
    return null
}

// The part of an item shown now, after scrolling and clipping. (Two items scrolled by the
// same Flickable are compared whole, wherever they are in its content.)
function shownRect(item, window) {
    let shown = rectIn(item, window)
    for (let p = item.parent; p && p !== window; p = p.parent) {
        if (p.clip || isFlickable(p))
            shown = intersect(shown, rectIn(p, window))
    }
    return shown
}

function collect(node, found) {
    if (!node || !node.visible || node.opacity === 0)
        return
    if (isControl(node) && node.enabled) {
        found.controls.push(node)
    } else if (isText(node) && String(node.text).length > 0) {
        found.texts.push(node)
    }
    if (isFlickable(node))
        found.flickables.push(node)
    for (let i = 0; i < node.children.length; ++i)
        collect(node.children[i], found)
    // A Flickable's content lives under contentItem, which is among its children already.
}

function textProblems(text, problems) {
    if (text.truncated)
        problems.push(describe(text) + " is elided")
    // Text larger than its box is drawn over its neighbours or cut off by a clipping parent.
    if (text.width > 0 && text.contentWidth > text.width + kTolerance
            && text.wrapMode !== kNoWrap)
        problems.push(describe(text) + " is " + Math.round(text.contentWidth) + " wide in a box of "
                      + Math.round(text.width))
    if (text.height > 0 && text.contentHeight > text.height + kTolerance)
        problems.push(describe(text) + " is " + Math.round(text.contentHeight) + " high in a box of "
                      + Math.round(text.height))
    if (text.width > 0 && text.wrapMode === kNoWrap && text.elide === kElideNone
            && text.contentWidth > text.width + kTolerance)
        problems.push(describe(text) + " is " + Math.round(text.contentWidth) + " wide in a box of "
                      + Math.round(text.width))
}

function problems(window, root) {
    const found = { controls: [], texts: [], flickables: [] }
    const problems = []
    collect(root, found)
    if (found.controls.length + found.texts.length === 0)
        problems.push("nothing shown under " + describe(root))
    for (const flickable of found.flickables)
        reachability(flickable, window, problems)

    const placed = []
    const unreachable = []
    for (const item of found.controls.concat(found.texts)) {
        // A control out of reach is one problem, not one more for its label.
        if (unreachable.some(function (control) { return isAncestor(control, item) }))
            continue
        if (item.width <= 0 || item.height <= 0) {
            problems.push(describe(item) + " has no room: " + item.width + "x" + item.height)
            continue
        }
        if (reachability(item, window, problems))
            placed.push(item)
        else
            unreachable.push(item)
    }
    // Buttons' labels are among the texts: the walk goes through every child.
    for (const item of found.texts)
        textProblems(item, problems)

    // Overlaps between what is shown now; a control's own label is inside it by design.
    const boxes = placed.map(function (item) {
        return { item: item, flickable: nearestFlickable(item), whole: rectIn(item, window),
                 shown: shownRect(item, window) }
    })
    for (let i = 0; i < boxes.length; ++i) {
        const a = boxes[i]
        for (let j = i + 1; j < boxes.length; ++j) {
            const b = boxes[j]
            const shared = a.flickable !== null && a.flickable === b.flickable
            const overlap = shared ? intersect(a.whole, b.whole) : intersect(a.shown, b.shown)
            if (overlap.w <= kTolerance || overlap.h <= kTolerance)
                continue
            if (isAncestor(a.item, b.item) || isAncestor(b.item, a.item))
                continue
            problems.push(describe(a.item) + " and " + describe(b.item) + " overlap at "
                          + format(overlap))
        }
    }
    return problems
}
