/**
 * The Python side of the PDF converter: it connects to the running LibreOffice through UNO (the
 * `uno` module of Debian's python3-uno, or LibreOffice's own python) and converts one file per line
 * read from stdin, answering one JSON line each. Kept as source here so that the built API needs no
 * file beside its JavaScript.
 *
 * argv: pipe name, seconds to wait for LibreOffice to accept the connection.
 * stdin: {"id", "input", "output"} — paths of the DOCX to read and the PDF to write.
 * stdout: {"ready": true} or {"fatal": message} once; then {"id", "ok": true} or
 *         {"id", "reason", "error"} per request.
 * When stdin closes (the API process is gone) it terminates LibreOffice, so none is left behind.
 */
export const UNO_BRIDGE_SCRIPT = String.raw`
import json
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.lang import DisposedException


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def reply(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def connect(pipe, seconds):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + seconds
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except NoConnectException:
            if time.monotonic() > deadline:
                return None
            time.sleep(0.05)


def convert(desktop, request):
    # The Word filter is named so that a file that is not a Word document fails instead of being
    # read as plain text; macros never run, links are not updated, damaged packages not repaired.
    load = (
        prop("Hidden", True),
        prop("ReadOnly", True),
        prop("FilterName", "MS Word 2007 XML"),
        prop("MacroExecutionMode", 0),
        prop("UpdateDocMode", 0),
        prop("RepairPackage", False),
    )
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(request["input"]), "_blank", 0, load)
    if document is None:
        return {"id": request["id"], "reason": "invalid-input", "error": "LibreOffice could not open it as a Word document"}
    try:
        document.storeToURL(uno.systemPathToFileUrl(request["output"]), (prop("FilterName", "writer_pdf_Export"),))
    finally:
        try:
            document.close(True)
        except Exception:
            document.dispose()
    return {"id": request["id"], "ok": True}


def main():
    desktop = connect(sys.argv[1], float(sys.argv[2]))
    if desktop is None:
        reply({"fatal": "LibreOffice did not accept a connection within %s s" % sys.argv[2]})
        return 1
    reply({"ready": True})
    for line in sys.stdin:
        request = json.loads(line)
        try:
            reply(convert(desktop, request))
        except DisposedException as error:
            reply({"id": request["id"], "reason": "crashed", "error": "LibreOffice went away: %s" % error.Message})
            return 1
        except Exception as error:
            message = getattr(error, "Message", "") or str(error)
            reply({"id": request["id"], "reason": "failed", "error": "%s: %s" % (type(error).__name__, message)})
    try:
        desktop.terminate()
    except Exception:
        pass
    return 0


sys.exit(main())
`;
