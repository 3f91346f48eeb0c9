# Turns a text file into a C source defining fc_builtin_text_ (bytes) and its length.
file(READ ${INPUT} HEX HEX)
string(LENGTH "${HEX}" HEX_LEN)
math(EXPR BYTES "${HEX_LEN} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," BODY "${HEX}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" BODY "${BODY}")
file(WRITE ${OUTPUT} "/* Generated from ${INPUT} by cmake/embed.cmake. Do not edit. */\n#include <stddef.h>\nconst char fc_builtin_text_[] = {\n${BODY}0x00};\nconst size_t fc_builtin_text_len_ = ${BYTES};\n")
