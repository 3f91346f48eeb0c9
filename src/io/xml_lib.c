/* Opens libxml2 at the first KTAB XML file and fills the table xml_lib.h calls through. Linked,
 * libxml2 brought ICU, libstdc++, liblzma and zlib into every command's start-up (their
 * relocations were a large part of it); only the KTAB XML reader uses it. */
#include <pthread.h>

#define IO_XML_NO_RENAME
#include "io/xml_lib.h"
#include "util/dl.h"

io_xml_table io_xml;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int loaded;

fc_status io_xml_load(fc_error *err)
{
    static const char *const names[] = {
#define IO_XML_NAME(f) #f,
        IO_XML_SYMBOLS(IO_XML_NAME)
#undef IO_XML_NAME
    };
    enum { N = sizeof names / sizeof names[0] };
    fc_status st = FC_OK;
    pthread_mutex_lock(&lock);
    if (!loaded) {
        void *p[N];
        st = util_dl_load(FULCRUM_XML2_SONAME, 0, "reading a KTAB XML scenario", names, p, N, err);
        if (!st) {
            size_t i = 0;
#define IO_XML_SET(f) io_xml.f = (__typeof__(io_xml.f))p[i++];
            IO_XML_SYMBOLS(IO_XML_SET)
#undef IO_XML_SET
            /* libxml2 wants its one-time set-up done before threads parse at once. */
            io_xml.xmlInitParser();
            loaded = 1;
        }
    }
    pthread_mutex_unlock(&lock);
    return st;
}
