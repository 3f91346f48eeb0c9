/* libxml2, opened at the first KTAB XML file (src/io/xml_lib.c): ktab.c calls xml* as usual
 * and the names below turn those calls into calls through a table filled by dlsym, so the
 * library does not link libxml2 (and ICU, libstdc++, liblzma, zlib with it): only reading a
 * KTAB XML scenario loads them. */
#ifndef FULCRUM_IO_XML_LIB_H
#define FULCRUM_IO_XML_LIB_H

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "fulcrum/error.h"

#ifdef LIBXML_THREAD_ALLOC_ENABLED
#error "xmlFree is per thread in this libxml2: io/xml_lib.h expects the global variable"
#endif

/* Every libxml2 function ktab.c calls, and xmlFree (a variable holding the free function);
 * a new one goes here too. */
#define IO_XML_SYMBOLS(X) \
    X(xmlCtxtGetLastError) \
    X(xmlCtxtReadMemory) \
    X(xmlDocGetRootElement) \
    X(xmlFree) \
    X(xmlFreeDoc) \
    X(xmlFreeParserCtxt) \
    X(xmlGetLineNo) \
    X(xmlInitParser) \
    X(xmlNewParserCtxt) \
    X(xmlNodeGetContent)

typedef struct io_xml_table {
#define IO_XML_MEMBER(f) __typeof__(f) *f;
    IO_XML_SYMBOLS(IO_XML_MEMBER)
#undef IO_XML_MEMBER
} io_xml_table;

extern io_xml_table io_xml;

/* Opens libxml2 and initialises its parser (once per process; thread-safe) before any other
 * call: FC_EIO naming the library when it cannot. */
fc_status io_xml_load(fc_error *err);

#ifndef IO_XML_NO_RENAME
#define xmlCtxtGetLastError (io_xml.xmlCtxtGetLastError)
#define xmlCtxtReadMemory (io_xml.xmlCtxtReadMemory)
#define xmlDocGetRootElement (io_xml.xmlDocGetRootElement)
#define xmlFree (*io_xml.xmlFree)
#define xmlFreeDoc (io_xml.xmlFreeDoc)
#define xmlFreeParserCtxt (io_xml.xmlFreeParserCtxt)
#define xmlGetLineNo (io_xml.xmlGetLineNo)
#define xmlInitParser (io_xml.xmlInitParser)
#define xmlNewParserCtxt (io_xml.xmlNewParserCtxt)
#define xmlNodeGetContent (io_xml.xmlNodeGetContent)
#endif

#endif
